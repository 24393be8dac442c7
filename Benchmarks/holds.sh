#!/usr/bin/env bash
# Durable holds: POST /api/reservations against the release `yeyak serve` with wrk (keep-alive,
# 2 threads, a fresh customerKey per request, slots rotating over 4,000+ upcoming slots of 500
# seats, so nothing sells out) at 16, 64, 256 and 1,024 connections, RUNS runs of SECONDS each,
# medians, and each rate as a share of the 64-connection rate (issue 20: 256 and 1,024 within 20%).
# In the same run: the raw SQLite rate of one durable BEGIN IMMEDIATE insert+update transaction per
# commit (WAL, synchronous=FULL, a C program against libsqlite3) on the same disk, and the ratio;
# the service's RSS idle and under load (VmRSS sampled every 0.5 s, VmHWM); the service's CPU time
# per hold (utime+stime from /proc), which does not depend on what else the shared machine runs.
#
# Usage: Benchmarks/holds.sh [SECONDS=15] [RUNS=3]
#   BENCH_DIR=/path  puts the temporary database there (default /tmp) to measure another disk.
#   FRESH_DB=1       restarts the service on an empty database before each connection count, so
#                    every count starts from the same state (CPU per hold grows with the rows
#                    already stored, which otherwise favours whichever count runs first).
#   PERF_OUT=DIR     records the service with `perf record -g` during each run (DIR/holds-C-RUN.data).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
SECONDS_PER_RUN="${1:-15}"
RUNS="${2:-3}"
CONNECTIONS="${CONNECTIONS:-16 64 256 1024}"
case " $CONNECTIONS " in *" 64 "*) RAW_AT=64 ;; *) RAW_AT="${CONNECTIONS%% *}" ;; esac
need wrk wrk; need cc gcc; need curl curl; need python3 python3
[ -z "${PERF_OUT:-}" ] || need perf linux-perf
[ -e /usr/include/sqlite3.h ] || need sqlite3 sqlite3   # libsqlite3-dev comes with the Swift build's prerequisites

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-holds.XXXXXX")"
SERVICE_PID=""; SAMPLER_PID=""
cleanup() { [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null; stop_pid "$SERVICE_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/db"

echo "== holds benchmark"
machine_report "$WORK/db"
echo "command: ${FRESH_DB:+FRESH_DB=1 }CONNECTIONS=\"$CONNECTIONS\" Benchmarks/holds.sh $SECONDS_PER_RUN $RUNS   (wrk -t2 -cC -d${SECONDS_PER_RUN}s -s Benchmarks/lib/holds.lua; Benchmarks/lib/sqlite-durable-tx)"
commit_report
build_release
cc -O2 -o "$WORK/sqlite-durable-tx" "$BENCH_ROOT/Benchmarks/lib/sqlite-durable-tx.c" -lsqlite3
echo "yeyak: $YEYAK"

make_content "$WORK/content"
PORT="$(free_port)"
start_service "$WORK" "$PORT"
slot_ids "$PORT" bench "$WORK/slots"
sleep 2
IDLE_RSS="$(rss_kib "$SERVICE_PID" VmRSS)"
echo "service pid $SERVICE_PID on 127.0.0.1:$PORT; $(wc -l <"$WORK/slots") slots; idle RSS after start: $(mib "$IDLE_RSS") MiB"

run_wrk() { # CONNECTIONS SECONDS TAG -> RESULT line
  (cd "$WORK" && SLOTS_FILE="$WORK/slots" RUN_ID="$3" \
    wrk -t2 -c"$1" -d"$2"s --timeout 10s -s "$BENCH_ROOT/Benchmarks/lib/holds.lua" "http://127.0.0.1:$PORT/" | grep '^RESULT')
}

run_wrk 64 5 warmup >/dev/null
echo "warm-up: 5 s at 64 connections (not counted)"

: >"$WORK/results"; : >"$WORK/raw"
echo "raw SQLite (sqlite-durable-tx): one BEGIN IMMEDIATE; INSERT; UPDATE; COMMIT per transaction, WAL, synchronous=FULL, 5 s, in the database folder after each $RAW_AT-connection run"
for c in $CONNECTIONS; do
  if [ -n "${FRESH_DB:-}" ] && [ "$c" != "${CONNECTIONS%% *}" ]; then
    stop_pid "$SERVICE_PID"; rm -f "$WORK/db/yeyak.sqlite"*
    start_service "$WORK" "$PORT"
    slot_ids "$PORT" bench "$WORK/slots"
    run_wrk 64 5 "warmup-$c" >/dev/null
    echo "fresh database for $c connections (after a 5-s warm-up at 64)"
  fi
  for r in $(seq 1 "$RUNS"); do
    sample_rss "$SERVICE_PID" 0.5 "$WORK/rss-$c-$r"
    ticks="$(cpu_ticks "$SERVICE_PID")"; load="$(cut -d' ' -f1 /proc/loadavg)"
    PERF_PID=""
    if [ -n "${PERF_OUT:-}" ]; then
      mkdir -p "$PERF_OUT"
      perf record -q -F 499 -g -p "$SERVICE_PID" -o "$PERF_OUT/holds-$c-$r.data" 2>/dev/null & PERF_PID=$!
    fi
    line="$(run_wrk "$c" "$SECONDS_PER_RUN" "c$c-r$r-$$")"
    [ -z "$PERF_PID" ] || { kill -INT "$PERF_PID" 2>/dev/null; wait "$PERF_PID" 2>/dev/null || true; }
    cpu="$(cpu_ms_per "$(echo "$line" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')" "$ticks" "$(cpu_ticks "$SERVICE_PID")")"
    kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
    peak="$(sort -n "$WORK/rss-$c-$r" | tail -n 1)"
    echo "c=$c run=$r $line rss_peak_mib=$(mib "$peak") service_cpu_ms_per_hold=$cpu loadavg_before=$load" | sed 's/RESULT //' | tee -a "$WORK/results"
    sleep 1
    if [ "$c" = "$RAW_AT" ]; then
      # The raw rate right after each 64-connection run (the service idle), so the ratio compares
      # the disk in the same state; same folder as the service's database.
      rm -f "$WORK/db/raw.sqlite"*
      echo "raw run=$r $("$WORK/sqlite-durable-tx" "$WORK/db/raw.sqlite" 5)" | tee -a "$WORK/raw"
      rm -f "$WORK/db/raw.sqlite"*
      sleep 1
    fi
  done
done

sleep 5
AFTER_RSS="$(rss_kib "$SERVICE_PID" VmRSS)"; HWM="$(rss_kib "$SERVICE_PID" VmHWM)"
DBSIZE="$(du -sh "$WORK/db" | cut -f1)"
stop_pid "$SERVICE_PID"; SERVICE_PID=""

field() { grep "^c=$1 " "$WORK/results" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | median; }
total() { grep "^c=$1 " "$WORK/results" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | awk '{s+=$1} END {print s+0}'; }
RAW="$(sed -n 's/.*tx_per_s=\([0-9.]*\).*/\1/p' "$WORK/raw" | median)"
echo
echo "== summary (medians of $RUNS runs of ${SECONDS_PER_RUN} s; errors summed over the runs)"
printf "%-12s %10s %9s %9s %9s %9s %13s %12s %12s\n" connections holds/s p50_ms p90_ms p99_ms non_2xx socket_errors rss_peak_MiB cpu_ms/hold
for c in $CONNECTIONS; do
  printf "%-12s %10s %9s %9s %9s %9s %13s %12s %12s\n" "$c" "$(field "$c" rps)" "$(field "$c" p50_ms)" "$(field "$c" p90_ms)" \
    "$(field "$c" p99_ms)" "$(total "$c" non_2xx)" "$(total "$c" socket_errors)" "$(field "$c" rss_peak_mib)" "$(field "$c" service_cpu_ms_per_hold)"
done
echo "raw SQLite durable tx/s (median): $RAW"
for c in $CONNECTIONS; do
  echo "holds/s at $c connections : at 64: $(awk -v h="$(field "$c" rps)" -v r="$(field 64 rps)" 'BEGIN {printf "%.2f", h/r}')"
done
for c in $CONNECTIONS; do
  echo "ratio holds/s : raw tx/s at $c connections: $(awk -v h="$(field "$c" rps)" -v r="$RAW" 'BEGIN {printf "%.2f", h/r}')"
done
echo "RSS: idle after start $(mib "$IDLE_RSS") MiB; peak sampled under load $(sort -n "$WORK"/rss-* | tail -n 1 | xargs -I{} awk 'BEGIN {printf "%.1f", {}/1024}') MiB; VmHWM $(mib "$HWM") MiB; idle 5 s after load $(mib "$AFTER_RSS") MiB"
echo "database folder after the run: $DBSIZE"
