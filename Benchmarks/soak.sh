#!/usr/bin/env bash
# Soak: MINUTES of mixed load on the release service, one wrk run per minute (8 connections,
# Benchmarks/lib/mixed.lua: 4 holds per availability read), plus a slow confirm loop (hold,
# sandbox session, approve, success redirect; 2 orders/s) when `yeyak sandbox` exists.
# Holds last 2 minutes (--hold-minutes 2) so seats come back and nothing sells out.
# Samples VmRSS and open file descriptors every 5 s; prints latency per minute and a verdict:
#   RSS flat   - least-squares slope of VmRSS over the second half below 0.1 MiB/min
#                (6 MiB an hour) and the last sample within 10% of the second half's first;
#   fds stable - open fds when idle after the load at most 8 above the idle count before it (the
#                outbound keep-alive connections to Toss may stay open), and the second half's
#                peak at most 8 above the first half's (a leak of one fd per request or per
#                confirm would show hundreds);
#   latency    - every minute's p99 within 2x the median minute's p99; no errors.
#
# Usage: Benchmarks/soak.sh [MINUTES=10]   (runs shorter than ~5 minutes still see the warm-up
#        growth of caches in the "second half" and report RSS GROWING)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
MINUTES="${1:-10}"
CONNS="${SOAK_CONNECTIONS:-8}"
need wrk wrk; need curl curl; need python3 python3

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-soak.XXXXXX")"
SERVICE_PID=""; SANDBOX_PID=""; SAMPLER=""; CONFIRMS=""
cleanup() {
  for p in "$SAMPLER" "$CONFIRMS"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  stop_pid "$SERVICE_PID"; stop_pid "$SANDBOX_PID"; rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/db"

echo "== soak"
machine_report "$WORK/db"
echo "command: Benchmarks/soak.sh $MINUTES   (per minute: wrk -t2 -c$CONNS -d60s -s Benchmarks/lib/mixed.lua)"
build_release
make_content "$WORK/content"
PORT="$(free_port)"
SANDBOX_PORT=1
if "$YEYAK" sandbox --help >/dev/null 2>&1; then
  SANDBOX_PORT="$(free_port)"
  start_sandbox "$WORK" "$SANDBOX_PORT"
  echo "sandbox pid $SANDBOX_PID on 127.0.0.1:$SANDBOX_PORT"
else
  echo "note: this yeyak has no 'sandbox' command; the soak runs without confirms"
fi
HOLD_MINUTES=2 start_service "$WORK" "$PORT" "$SANDBOX_PORT"
slot_ids "$PORT" bench "$WORK/slots"
sleep 2
IDLE_FDS_BEFORE="$(fds "$SERVICE_PID")"; IDLE_RSS_BEFORE="$(rss_kib "$SERVICE_PID" VmRSS)"
echo "service pid $SERVICE_PID on 127.0.0.1:$PORT; idle before: RSS $(mib "$IDLE_RSS_BEFORE") MiB, $IDLE_FDS_BEFORE fds"

START="$(date +%s)"
( while kill -0 "$SERVICE_PID" 2>/dev/null; do
    echo "$(( $(date +%s) - START )) $(rss_kib "$SERVICE_PID" VmRSS) $(fds "$SERVICE_PID")"; sleep 5
  done ) >"$WORK/samples" &
SAMPLER=$!
if [ "$SANDBOX_PORT" != 1 ]; then
  python3 "$BENCH_ROOT/Benchmarks/lib/confirm_orders.py" loop "$PORT" "$SANDBOX_PORT" "$WORK/slots" 2 "$((MINUTES * 60))" \
    >"$WORK/confirms" 2>"$WORK/confirms.err" &
  CONFIRMS=$!
fi

printf "%-7s %9s %9s %9s %9s %8s %8s %10s %6s %8s\n" minute req/s p50_ms p99_ms max_ms non_2xx sock_err rss_MiB fds loadavg
for m in $(seq 1 "$MINUTES"); do
  line="$(cd "$WORK" && SLOTS_FILE="$WORK/slots" RUN_ID="m$m-$$" \
    wrk -t2 -c"$CONNS" -d60s --timeout 10s -s "$BENCH_ROOT/Benchmarks/lib/mixed.lua" "http://127.0.0.1:$PORT/" | grep '^RESULT')"
  echo "minute=$m $line" >>"$WORK/minutes"
  get() { echo "$line" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
  printf "%-7s %9s %9s %9s %9s %8s %8s %10s %6s %8s\n" "$m" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" "$(get max_ms)" \
    "$(get non_2xx)" "$(get socket_errors)" "$(mib "$(rss_kib "$SERVICE_PID" VmRSS)")" "$(fds "$SERVICE_PID")" \
    "$(cut -d' ' -f1 /proc/loadavg)"   # the 1-minute load average: other work on the shared machine
done
if [ -n "$CONFIRMS" ]; then wait "$CONFIRMS" || true; CONFIRMS=""; cat "$WORK/confirms"; sort -u "$WORK/confirms.err" | head -n 5; fi
sleep 5
IDLE_FDS_AFTER="$(fds "$SERVICE_PID")"; IDLE_RSS_AFTER="$(rss_kib "$SERVICE_PID" VmRSS)"; HWM="$(rss_kib "$SERVICE_PID" VmHWM)"
kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
echo "idle after: RSS $(mib "$IDLE_RSS_AFTER") MiB, $IDLE_FDS_AFTER fds; VmHWM $(mib "$HWM") MiB; database folder $(du -sh "$WORK/db" | cut -f1)"

python3 - "$WORK/samples" "$WORK/minutes" "$IDLE_FDS_BEFORE" "$IDLE_FDS_AFTER" "$((MINUTES * 60))" <<'PY'
import re, statistics, sys
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if len(l.split()) == 3]
samples = [s for s in samples if s[0] <= int(sys.argv[5])]          # the loaded period only
minutes = [dict(re.findall(r"(\w+)=([^ \n]+)", l)) for l in open(sys.argv[2])]
idle_before, idle_after = int(sys.argv[3]), int(sys.argv[4])
second = samples[len(samples) // 2:]
def slope(points):   # least squares, per minute
    xs = [p[0] / 60 for p in points]; mx = statistics.fmean(xs)
    def fit(ys):
        my = statistics.fmean(ys)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return fit([p[1] / 1024 for p in points]), fit([p[2] for p in points])
rss_slope, fd_slope = slope(second)
rss = [s[1] / 1024 for s in samples]
first2, last = second[0][1] / 1024, second[-1][1] / 1024
print(f"RSS samples: {len(samples)} every 5 s; min {min(rss):.1f} MiB, max {max(rss):.1f} MiB; "
      f"second half from {first2:.1f} to {last:.1f} MiB, slope {rss_slope:+.3f} MiB/min")
print(f"open fds under load: min {min(s[2] for s in samples)}, max {max(s[2] for s in samples)}; "
      f"second-half slope {fd_slope:+.2f} fds/min; idle before {idle_before}, idle after {idle_after}")
p99s = [float(m["p99_ms"]) for m in minutes]
mid = statistics.median(p99s)
errors = sum(int(m["non_2xx"]) + int(m["socket_errors"]) for m in minutes)
print(f"per-minute p99: median {mid:.2f} ms, max {max(p99s):.2f} ms; requests {sum(int(m['requests']) for m in minutes)}, errors {errors}")
rss_ok = abs(rss_slope) < 0.1 and last <= first2 * 1.10
first_half = samples[:len(samples) // 2]
fd_ok = idle_after - idle_before <= 8 and max(s[2] for s in second) <= max(s[2] for s in first_half) + 8
lat_ok = max(p99s) <= 2 * mid and errors == 0
print(f"verdict: RSS {'flat' if rss_ok else 'GROWING'}; fds {'stable' if fd_ok else 'LEAKING'}; "
      f"latency {'stable' if lat_ok else 'UNSTABLE'} -> {'PASS' if rss_ok and fd_ok and lat_ok else 'FAIL'}")
sys.exit(0 if rss_ok and fd_ok and lat_ok else 1)
PY
