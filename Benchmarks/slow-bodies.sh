#!/usr/bin/env bash
# Memory under slow partial bodies: COUNT clients each declare a reservation body of DECLARED
# bytes (default 16,000: just under the route's 16 KiB limit), send SENT of them (default 8,000)
# and go silent. The service's RSS is sampled before, while they are held, and after; a guest's
# GET /healthz and a real hold are timed while they are held. Also: the same COUNT clients
# declaring 1 MiB (refused 413 from the head), for the figure the issue started from (300
# unfinished 1 MiB bodies: +321 MiB).
#
# Usage: Benchmarks/slow-bodies.sh [COUNT=1024] [HOLD=10] [RUNS=3]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
COUNT="${1:-1024}"; HOLD="${2:-10}"; RUNS="${3:-3}"
DECLARED="${DECLARED:-16000}"; SENT="${SENT:-8000}"
need curl curl; need python3 python3

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-slow.XXXXXX")"
SERVICE_PID=""; CLIENTS_PID=""
cleanup() { [ -n "$CLIENTS_PID" ] && kill "$CLIENTS_PID" 2>/dev/null; stop_pid "$SERVICE_PID"; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== slow partial bodies"
machine_report "$WORK"
echo "command: Benchmarks/slow-bodies.sh $COUNT $HOLD $RUNS   (DECLARED=$DECLARED SENT=$SENT)"
build_release
make_content "$WORK/content"
PORT="$(free_port)"
start_service "$WORK" "$PORT"
slot_ids "$PORT" bench "$WORK/slots"
sleep 2
LIB="$BENCH_ROOT/Benchmarks/lib"
echo "service pid $SERVICE_PID; $(grep 'connections:' "$WORK/service.log" || true)"

: >"$WORK/results"
one_run() { # TAG DECLARED SENT
  local before peak after
  before="$(rss_kib "$SERVICE_PID" VmRSS)"
  python3 "$LIB/slow_bodies.py" "$PORT" "$COUNT" "$2" "$3" "$HOLD" >"$WORK/clients-$1" 2>&1 &
  CLIENTS_PID=$!
  sleep 3
  sample_rss "$SERVICE_PID" 0.5 "$WORK/rss-$1"
  local guest
  guest="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT/healthz")"
  local held_fds; held_fds="$(fds "$SERVICE_PID")"
  wait "$CLIENTS_PID" || true; CLIENTS_PID=""
  kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  sleep 2
  peak="$(sort -n "$WORK/rss-$1" | tail -n 1)"; after="$(rss_kib "$SERVICE_PID" VmRSS)"
  echo "$1 rss_before_mib=$(mib "$before") rss_peak_mib=$(mib "$peak") rss_delta_mib=$(mib $((peak - before))) rss_after_mib=$(mib "$after") guest_healthz=\"$guest\" fds_while_held=$held_fds fds_after=$(fds "$SERVICE_PID") $(tr '\n' ' ' <"$WORK/clients-$1")" | tee -a "$WORK/results"
}
for r in $(seq 1 "$RUNS"); do
  one_run "partial-$r" "$DECLARED" "$SENT"
  one_run "declared-1MiB-$r" 1048576 "$SENT"
done
delta() { grep "^$1-" "$WORK/results" | sed -n 's/.* rss_delta_mib=\([^ ]*\).*/\1/p' | median; }
echo
echo "== summary (medians of $RUNS runs; $COUNT clients held $HOLD s)"
peak() { grep "^$1-" "$WORK/results" | sed -n 's/.* rss_peak_mib=\([^ ]*\).*/\1/p' | sort -g | tail -n 1; }
first() { grep "^$1-1 " "$WORK/results" | sed -n 's/.* rss_delta_mib=\([^ ]*\).*/\1/p'; }
echo "RSS growth, $COUNT clients x $SENT of $DECLARED declared bytes: first run $(first partial) MiB (the allocator keeps it for the next runs), median $(delta partial) MiB; peak RSS $(peak partial) MiB"
echo "RSS growth, $COUNT clients declaring 1 MiB (413 from the head): $(delta declared-1MiB) MiB"
