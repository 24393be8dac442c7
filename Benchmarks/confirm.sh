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
#   TRANSPORTS="curl urlsession"  one service per Toss transport (TOSS_TRANSPORT), each on its own
#                      database, all against the same sandbox; the runs alternate between them
#                      (run 1 of each, then run 2 of each, ...), so both see the same machine, and
#                      the summary prints each and the ratios to the first. Default: curl.
#   RSS after every run is printed, so RUNS=10 ORDERS=10000 shows RSS over 100,000 confirms.
#   PERF_OUT=DIR       records the service and the sandbox with `perf record -g` during each run
#                      (DIR/service-TRANSPORT-RUN.data, DIR/sandbox-...); read with `perf report`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ORDERS="${1:-10000}"; RUNS="${2:-3}"; CONNS="${3:-64}"
# wrk's -d is only a bound (orders at 50/s); each run ends as soon as every order is answered.
RUN_SECONDS=$(( ORDERS / 50 + 30 ))
need wrk wrk; need curl curl; need python3 python3
[ -z "${PERF_OUT:-}" ] || need perf linux-perf

TRANSPORTS="${TRANSPORTS:-curl}"

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-confirm.XXXXXX")"
SERVICE_PID=""; SANDBOX_PID=""; SAMPLER_PID=""; SERVICE_PIDS=()
cleanup() { [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null; for p in "${SERVICE_PIDS[@]:-}"; do stop_pid "$p"; done; stop_pid "$SANDBOX_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/db"

echo "== confirm-flow benchmark"
machine_report "$WORK/db"
echo "command: ${TOSS_LATENCY_MS:+TOSS_LATENCY_MS=$TOSS_LATENCY_MS }TRANSPORTS=\"$TRANSPORTS\" Benchmarks/confirm.sh $ORDERS $RUNS $CONNS   (wrk -t2 -c$CONNS -s Benchmarks/lib/confirm.lua over $ORDERS prepared redirects)"
commit_report
build_release
"$YEYAK" sandbox --help >/dev/null 2>&1 || { echo "error: this yeyak has no 'sandbox' command (merge the branch that adds it)" >&2; exit 2; }
SANDBOX_PORT="$(free_port)"
start_sandbox "$WORK" "$SANDBOX_PORT"
declare -A PORT_OF PID_OF IDLE_OF
for t in $TRANSPORTS; do
  mkdir -p "$WORK/$t"; make_content "$WORK/$t/content"
  PORT_OF[$t]="$(free_port)"
  TOSS_TRANSPORT="$t" start_service "$WORK/$t" "${PORT_OF[$t]}" "$SANDBOX_PORT"
  PID_OF[$t]="$SERVICE_PID"; SERVICE_PIDS+=("$SERVICE_PID")
  slot_ids "${PORT_OF[$t]}" bench "$WORK/$t/slots"
done
sleep 2
for t in $TRANSPORTS; do
  IDLE_OF[$t]="$(rss_kib "${PID_OF[$t]}" VmRSS)"
  echo "service ($t transport) pid ${PID_OF[$t]} on 127.0.0.1:${PORT_OF[$t]}; idle RSS $(mib "${IDLE_OF[$t]}") MiB"
done
echo "sandbox pid $SANDBOX_PID on 127.0.0.1:$SANDBOX_PORT; idle RSS $(mib "$(rss_kib "$SANDBOX_PID" VmRSS)") MiB"

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
for t in $TRANSPORTS; do
  PORT="${PORT_OF[$t]}"; SERVICE_PID="${PID_OF[$t]}"
  python3 "$PREP" prepare "$PORT" "$SANDBOX_PORT" "$WORK/$t/slots" 500 "$WORK/warmup-urls" >/dev/null
  run_confirms "$WORK/warmup-urls" >/dev/null
done
echo "warm-up: 500 confirms per service (not counted)"
if [ -n "${TOSS_LATENCY_MS:-}" ]; then
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"latencyMs\": $TOSS_LATENCY_MS, \"mode\": \"none\", \"operations\": [\"confirm\"]}" \
    "http://127.0.0.1:$SANDBOX_PORT/__sandbox/faults" >/dev/null
  echo "sandbox: every confirm answers after ${TOSS_LATENCY_MS} ms more"
fi

: >"$WORK/results"
for r in $(seq 1 "$RUNS"); do
  for t in $TRANSPORTS; do
    PORT="${PORT_OF[$t]}"; SERVICE_PID="${PID_OF[$t]}"
    echo "run $r ($t): $(python3 "$PREP" prepare "$PORT" "$SANDBOX_PORT" "$WORK/$t/slots" "$ORDERS" "$WORK/urls-$t-$r")"
    sample_rss "$SERVICE_PID" 0.5 "$WORK/rss-$t-$r"
    ticks="$(cpu_ticks "$SERVICE_PID")"; sticks="$(cpu_ticks "$SANDBOX_PID")"; load="$(cut -d' ' -f1 /proc/loadavg)"
    CONNECTION_LOG="$WORK/toss-connections-$t-$r"
    PERF_PIDS=()
    if [ -n "${PERF_OUT:-}" ]; then
      mkdir -p "$PERF_OUT"
      perf record -q -F 499 -g -p "$SERVICE_PID" -o "$PERF_OUT/service-$t-$r.data" 2>/dev/null & PERF_PIDS+=($!)
      perf record -q -F 499 -g -p "$SANDBOX_PID" -o "$PERF_OUT/sandbox-$t-$r.data" 2>/dev/null & PERF_PIDS+=($!)
    fi
    line="$(run_confirms "$WORK/urls-$t-$r")"; CONNECTION_LOG=""
    for p in "${PERF_PIDS[@]:-}"; do [ -n "$p" ] && { kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; }; done
    cpu="service_cpu_ms_per_confirm=$(cpu_ms_per "$ORDERS" "$ticks" "$(cpu_ticks "$SERVICE_PID")") sandbox_cpu_ms_per_confirm=$(cpu_ms_per "$ORDERS" "$sticks" "$(cpu_ticks "$SANDBOX_PID")") loadavg_before=$load"
    kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
    secs="$(echo "$line" | sed -n 's/.* answered_in=\([^ ]*\).*/\1/p')"
    echo "transport=$t run=$r ${line#RESULT } confirms_per_s=$(awk -v n="$ORDERS" -v s="$secs" 'BEGIN {printf "%.1f", n/s}') rss_peak_mib=$(mib "$(sort -n "$WORK/rss-$t-$r" | tail -n 1)") rss_after_mib=$(mib "$(rss_kib "$SERVICE_PID" VmRSS)") $cpu" | tee -a "$WORK/results"
    sleep 1
  done
done

field() { grep "^transport=$1 " "$WORK/results" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | median; }
total() { grep "^transport=$1 " "$WORK/results" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | awk '{s+=$1} END {print s+0}'; }
echo
echo "== summary (medians of $RUNS runs of $ORDERS prepared orders at $CONNS connections)"
for t in $TRANSPORTS; do
  echo "-- Toss transport: $t"
  echo "success redirects/s: $(field "$t" confirms_per_s)  p50 $(field "$t" p50_ms) ms  p90 $(field "$t" p90_ms) ms  p99 $(field "$t" p99_ms) ms  max $(field "$t" max_ms) ms"
  echo "service -> sandbox TCP connections while confirming (ss, every second): max $(cat "$WORK"/toss-connections-"$t"-* | sort -n | tail -n 1), median $(cat "$WORK"/toss-connections-"$t"-* | median)"
  echo "CPU per confirm: service $(field "$t" service_cpu_ms_per_confirm) ms, sandbox $(field "$t" sandbox_cpu_ms_per_confirm) ms (both on the same $(nproc) cores)"
  echo "pages PAID: $(total "$t" paid) of $(total "$t" requests) requests ($((ORDERS * RUNS)) orders; requests beyond the orders are reloads of the last page while wrk stops); not PAID: $(total "$t" not_paid); socket errors: $(total "$t" socket_errors)"
  echo "RSS: service idle $(mib "${IDLE_OF[$t]}") MiB, after each run $(grep "^transport=$t " "$WORK/results" | sed -n 's/.* rss_after_mib=\([^ ]*\).*/\1/p' | paste -sd' ') MiB, VmHWM $(mib "$(rss_kib "${PID_OF[$t]}" VmHWM)") MiB"
done
echo "sandbox VmHWM $(mib "$(rss_kib "$SANDBOX_PID" VmHWM)") MiB"
set -- $TRANSPORTS
if [ $# -gt 1 ]; then
  for t in "${@:2}"; do
    echo "ratio $1 : $t  confirms/s $(awk -v a="$(field "$1" confirms_per_s)" -v b="$(field "$t" confirms_per_s)" 'BEGIN {printf "%.2f", a/b}')  service CPU per confirm $(awk -v a="$(field "$1" service_cpu_ms_per_confirm)" -v b="$(field "$t" service_cpu_ms_per_confirm)" 'BEGIN {printf "%.2f", a/b}')"
  done
fi
