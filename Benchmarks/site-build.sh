#!/usr/bin/env bash
# Site build benchmark: N generated restaurants, each with 3 tables x 14 days x 3 times
# (126 slots listed on its page), built with the release `yeyak build`:
#   1. cold build (empty output/), 2. no-change rebuild, 3. one restaurant changed.
# Usage: Benchmarks/site-build.sh [N=2000] [RUNS=3]   (prints the machine, the command and the numbers)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$BENCH_ROOT"
N="${1:-2000}"
RUNS="${2:-3}"
WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-site.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

build_release

python3 - "$WORK/content" "$N" <<'PY'
import datetime, json, os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{root}/restaurants")
json.dump({"title": "벤치마크", "baseURL": "https://bench.example/", "serviceURL": "https://bench.example",
           "timeZone": "Asia/Seoul", "toss": {"clientKey": "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
           "sdkURL": "https://js.tosspayments.com/v2/standard"}}, open(f"{root}/site.json", "w"), ensure_ascii=False)
seoul = datetime.timezone(datetime.timedelta(hours=9))
first = datetime.datetime.now(seoul).date() + datetime.timedelta(days=1)
last = first + datetime.timedelta(days=13)
for i in range(n):
    json.dump({
        "name": f"식당 {i:04d}", "category": "한식", "description": "벤치마크용으로 만든 식당입니다. " * 3,
        "address": f"서울특별시 중구 을지로 {i}", "phone": "02-123-4567", "kind": "standard",
        "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
        "tables": [{"id": f"t{s}", "name": f"{s}인석", "seats": s, "depositPerPerson": 10000 + 5000 * (s // 4)} for s in (2, 4, 6)],
        "weekly": [{"days": ["mon-sun"], "times": ["12:00", "18:00", "20:00"],
                    "from": first.isoformat(), "until": last.isoformat()}],
    }, open(f"{root}/restaurants/r{i:04d}.json", "w"), ensure_ascii=False)
PY

machine_report "$WORK"
echo "command: Benchmarks/site-build.sh $N $RUNS  ($YEYAK build --content \$WORK/content --output \$WORK/output-RUN --stats)"
# A cold build is a build into an empty output/, as on a fresh clone or in CI. Each run builds
# into its own new folder and nothing is deleted until the end: on this machine's ext4 (no
# journal) every file created within ~5 minutes of a mass delete makes the kernel scan the freed
# inodes (`recently_deleted`, seen with perf: up to a second of system time per build), so
# deleting the previous output first would measure that instead of the build. Run it at least
# 5 minutes after deleting a big output folder.
for run in $(seq 1 "$RUNS"); do
  OUT="$WORK/output-$run"
  echo "run $run cold:      $("$YEYAK" build --content "$WORK/content" --output "$OUT" --stats 2>/dev/null | tr '\n' ' ')"
  echo "run $run no-change: $("$YEYAK" build --content "$WORK/content" --output "$OUT" --stats 2>/dev/null | tr '\n' ' ')"
  sed -i "s/식당 0007/식당 0007 (run $run)/" "$WORK/content/restaurants/r0007.json"
  echo "run $run one-changed: $("$YEYAK" build --content "$WORK/content" --output "$OUT" --stats 2>/dev/null | tr '\n' ' ')"
done | tee "$WORK/runs"

# Medians over the runs: wall time including content loading, the build part, pages/s, peak RSS.
echo "== medians of $RUNS runs (N = $N)"
for kind in cold no-change one-changed; do
  lines="$(grep "^run [0-9]* $kind:" "$WORK/runs")"
  total="$(echo "$lines" | sed -n 's/.* total \([0-9]*\) ms.*/\1/p' | median)"
  build="$(echo "$lines" | sed -n 's/.* in \([0-9]*\) ms.*/\1/p' | median)"
  pages="$(echo "$lines" | sed -n 's/.* \([0-9]*\) pages\/s.*/\1/p' | median)"
  rss="$(echo "$lines" | sed -n 's/.* peak RSS \([0-9]*\) MB.*/\1/p' | median)"
  echo "$kind: total ${total} ms (build ${build} ms), ${pages} pages/s, peak RSS ${rss} MB"
done
