#!/usr/bin/env bash
# Confirm flow: success redirects per second with the Toss sandbox, at 64 connections.
# Each run first prepares ORDERS approved orders (a hold on the service, a payment session on
# `yeyak sandbox`, the buyer's approval: Benchmarks/lib/confirm_orders.py, not timed), then wrk
# GETs each prepared /restaurant/confirm/success/?paymentKey=&orderId=&amount= exactly once
# (Benchmarks/lib/confirm.lua) at 64 connections: the service checks the amount, moves the
# booking READY -> CONFIRMING (durable), calls the sandbox's POST /v1/payments/confirm over
# HTTP, records PAID (durable) and renders the result page. Counts the pages that say
# "예약이 성공하였습니다". Also CPU time per confirm of the service and of the sandbox (/proc).
# Rate = ORDERS / (first request to the last order's answer), timed by
# the Lua script (wrk itself idles until -d once every thread stopped). Medians over RUNS; RSS idle
# and under load.
#
# Usage: Benchmarks/confirm.sh [ORDERS=10000] [RUNS=3] [CONNECTIONS=64]
#   TOSS_LATENCY_MS=N  adds N ms to every sandbox confirm (its fault plan, mode "none"), to see the
#                      flow with a remote Toss's round trip instead of a loopback one.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ORDERS="${1:-10000}"; RUNS="${2:-3}"; CONNS="${3:-64}"
# wrk's -d is only a bound (orders at 50/s); each run ends as soon as every order is answered.
RUN_SECONDS=$(( ORDERS / 50 + 30 ))
need wrk wrk; need curl curl; need python3 python3

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-confirm.XXXXXX")"
SERVICE_PID=""; SANDBOX_PID=""; SAMPLER_PID=""
cleanup() { [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null; stop_pid "$SERVICE_PID"; stop_pid "$SANDBOX_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/db"

echo "== confirm-flow benchmark"
machine_report "$WORK/db"
echo "command: ${TOSS_LATENCY_MS:+TOSS_LATENCY_MS=$TOSS_LATENCY_MS }Benchmarks/confirm.sh $ORDERS $RUNS $CONNS   (wrk -t2 -c$CONNS -s Benchmarks/lib/confirm.lua over $ORDERS prepared redirects)"
build_release
"$YEYAK" sandbox --help >/dev/null 2>&1 || { echo "error: this yeyak has no 'sandbox' command (merge the branch that adds it)" >&2; exit 2; }
make_content "$WORK/content"
PORT="$(free_port)"; SANDBOX_PORT="$(free_port)"
start_sandbox "$WORK" "$SANDBOX_PORT"
start_service "$WORK" "$PORT" "$SANDBOX_PORT"
slot_ids "$PORT" bench "$WORK/slots"
sleep 2
IDLE_RSS="$(rss_kib "$SERVICE_PID" VmRSS)"
echo "service pid $SERVICE_PID on 127.0.0.1:$PORT, sandbox pid $SANDBOX_PID on 127.0.0.1:$SANDBOX_PORT; idle RSS: service $(mib "$IDLE_RSS") MiB, sandbox $(mib "$(rss_kib "$SANDBOX_PID" VmRSS)") MiB"

PREP="$BENCH_ROOT/Benchmarks/lib/confirm_orders.py"
CONNECTION_LOG=""
run_confirms() { # URLS_FILE -> RESULT line; wrk is interrupted once both threads answered their share
  local done_dir="$WORK/done.$RANDOM"; mkdir -p "$done_dir"
  (cd "$WORK" && DONE_DIR="$done_dir" URLS_FILE="$1" exec wrk -t2 -c"$CONNS" -d"$RUN_SECONDS"s --timeout 30s \
    -s "$BENCH_ROOT/Benchmarks/lib/confirm.lua" "http://127.0.0.1:$PORT/" >"$done_dir/out") &
  local wrk_pid=$!
  local tick=0
  while kill -0 "$wrk_pid" 2>/dev/null && [ "$(ls "$done_dir" | grep -c '^thread-')" -lt 2 ]; do
    if [ -n "$CONNECTION_LOG" ] && [ $((tick++ % 10)) = 5 ]; then   # once a second: ss reads all of /proc
      echo "$(ss -tnp | grep "pid=$SERVICE_PID," | grep -c ":$SANDBOX_PORT ")" >>"$CONNECTION_LOG"
    fi
    sleep 0.1
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  grep '^RESULT' "$done_dir/out"
}
python3 "$PREP" prepare "$PORT" "$SANDBOX_PORT" "$WORK/slots" 500 "$WORK/warmup-urls" >/dev/null
run_confirms "$WORK/warmup-urls" >/dev/null
echo "warm-up: 500 confirms (not counted)"
if [ -n "${TOSS_LATENCY_MS:-}" ]; then
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"latencyMs\": $TOSS_LATENCY_MS, \"mode\": \"none\", \"operations\": [\"confirm\"]}" \
    "http://127.0.0.1:$SANDBOX_PORT/__sandbox/faults" >/dev/null
  echo "sandbox: every confirm answers after ${TOSS_LATENCY_MS} ms more"
fi

: >"$WORK/results"
for r in $(seq 1 "$RUNS"); do
  echo "run $r: $(python3 "$PREP" prepare "$PORT" "$SANDBOX_PORT" "$WORK/slots" "$ORDERS" "$WORK/urls-$r")"
  sample_rss "$SERVICE_PID" 0.5 "$WORK/rss-$r"
  ticks="$(cpu_ticks "$SERVICE_PID")"; sticks="$(cpu_ticks "$SANDBOX_PID")"; load="$(cut -d' ' -f1 /proc/loadavg)"
  CONNECTION_LOG="$WORK/toss-connections-$r"
  line="$(run_confirms "$WORK/urls-$r")"; CONNECTION_LOG=""
  cpu="service_cpu_ms_per_confirm=$(cpu_ms_per "$ORDERS" "$ticks" "$(cpu_ticks "$SERVICE_PID")") sandbox_cpu_ms_per_confirm=$(cpu_ms_per "$ORDERS" "$sticks" "$(cpu_ticks "$SANDBOX_PID")") loadavg_before=$load"
  kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  secs="$(echo "$line" | sed -n 's/.* answered_in=\([^ ]*\).*/\1/p')"
  echo "run $r ${line#RESULT } confirms_per_s=$(awk -v n="$ORDERS" -v s="$secs" 'BEGIN {printf "%.1f", n/s}') rss_peak_mib=$(mib "$(sort -n "$WORK/rss-$r" | tail -n 1)") $cpu" | tee -a "$WORK/results"
  sleep 1
done
AFTER_RSS="$(rss_kib "$SERVICE_PID" VmRSS)"; HWM="$(rss_kib "$SERVICE_PID" VmHWM)"
SANDBOX_HWM="$(rss_kib "$SANDBOX_PID" VmHWM)"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$WORK/results" | median; }
total() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$WORK/results" | awk '{s+=$1} END {print s+0}'; }
echo
echo "== summary (medians of $RUNS runs of $ORDERS prepared orders at $CONNS connections)"
echo "success redirects/s: $(field confirms_per_s)  p50 $(field p50_ms) ms  p90 $(field p90_ms) ms  p99 $(field p99_ms) ms  max $(field max_ms) ms"
echo "service -> sandbox TCP connections while confirming (ss, every second): max $(cat "$WORK"/toss-connections-* | sort -n | tail -n 1), median $(cat "$WORK"/toss-connections-* | median)"
echo "CPU per confirm: service $(field service_cpu_ms_per_confirm) ms, sandbox $(field sandbox_cpu_ms_per_confirm) ms (both on the same $(nproc) cores)"
echo "pages PAID: $(total paid) of $(total requests) requests ($((ORDERS * RUNS)) orders; requests beyond the orders are reloads of the last page while wrk stops); not PAID: $(total not_paid); socket errors: $(total socket_errors)"
echo "RSS: service idle $(mib "$IDLE_RSS") MiB, peak sampled under load $(sort -n "$WORK"/rss-* | tail -n 1 | awk '{printf "%.1f", $1/1024}') MiB, VmHWM $(mib "$HWM") MiB, after $(mib "$AFTER_RSS") MiB; sandbox VmHWM $(mib "$SANDBOX_HWM") MiB"
