#!/usr/bin/env bash
# Yeyak against the original tutorial's Django flow, back to back on this machine (issue 14).
# 1. ../shared/peers/django-seed/run.sh (it installs Django into a venv from PyPI; gunicorn with 4
#    workers, SQLite in WAL mode with BEGIN IMMEDIATE, its stub Toss): its "reserve" (a GET that
#    creates a READY booking) and "confirm" (the success redirect, which calls the stub) at 64
#    connections, RUNS times (MODES="wal wal wal": each run starts from a fresh database).
# 2. Benchmarks/holds.sh at 64 connections (with the raw durable SQLite rate on the same disk).
# 3. Benchmarks/confirm.sh at 64 connections (with `yeyak sandbox` as Toss).
# Then one table: each figure's median, Yeyak : Django, and Yeyak holds : raw SQLite.
# The Django flow answers a reservation with an HTML page and confirms over a fresh connection
# per call; Yeyak answers a JSON hold and confirms over kept-alive connections: the same user-visible
# steps (a hold that counts against the seats, then a payment confirmed with Toss and recorded).
#
# Usage: Benchmarks/vs-django.sh [SECONDS=10] [RUNS=3] [ORDERS=10000]
#   DJANGO_SEED=/path  the django-seed folder (default ../shared/peers/django-seed next to the repo).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
SECONDS_PER_RUN="${1:-10}"; RUNS="${2:-3}"; ORDERS="${3:-10000}"
DJANGO_SEED="${DJANGO_SEED:-$BENCH_ROOT/../shared/peers/django-seed}"
[ -x "$DJANGO_SEED/run.sh" ] || DJANGO_SEED=/work/shared/peers/django-seed
[ -x "$DJANGO_SEED/run.sh" ] || { echo "error: no django-seed/run.sh (set DJANGO_SEED)" >&2; exit 2; }
need wrk wrk; need python3 python3

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-vs-django.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== Yeyak vs the Django tutorial flow"
machine_report "$WORK"
echo "command: Benchmarks/vs-django.sh $SECONDS_PER_RUN $RUNS $ORDERS"
commit_report
echo "django-seed: $DJANGO_SEED"

modes="$(for _ in $(seq 1 "$RUNS"); do printf 'wal '; done)"
echo
echo "== 1/3 Django (MODES=\"$modes\" BENCHES=\"reserve confirm\" CONCS=64 DURATION=${SECONDS_PER_RUN}s run.sh)"
MODES="$modes" BENCHES="reserve confirm" CONCS=64 DURATION="${SECONDS_PER_RUN}s" \
  PORT="$(free_port)" STUB_PORT="$(free_port)" OUT_DIR="$WORK/django-out" \
  "$DJANGO_SEED/run.sh" 2>&1 | tee "$WORK/django.txt" | grep -E '^(host|python|wal-)' || true
echo
echo "== 2/3 Yeyak holds (CONNECTIONS=64 Benchmarks/holds.sh $SECONDS_PER_RUN $RUNS)"
CONNECTIONS=64 "$BENCH_ROOT/Benchmarks/holds.sh" "$SECONDS_PER_RUN" "$RUNS" 2>&1 | tee "$WORK/holds.txt" | grep -E '^(c=|raw run|load average)' || true
echo
echo "== 3/3 Yeyak confirms (Benchmarks/confirm.sh $ORDERS $RUNS 64)"
"$BENCH_ROOT/Benchmarks/confirm.sh" "$ORDERS" "$RUNS" 64 2>&1 | tee "$WORK/confirm.txt" | grep -E '^(transport=|load average)' || true

django_rps() { sed -n "s/^wal-$1-c64: Requests\/sec: *\([0-9.]*\).*/\1/p" "$WORK/django.txt" | median; }
yeyak_field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$WORK/$1.txt" | median; }
D_RESERVE="$(django_rps reserve)"; D_CONFIRM="$(django_rps confirm)"
Y_HOLDS="$(grep '^c=64 ' "$WORK/holds.txt" | sed -n 's/.* rps=\([0-9.]*\).*/\1/p' | median)"
Y_HOLD_CPU="$(grep '^c=64 ' "$WORK/holds.txt" | sed -n 's/.* service_cpu_ms_per_hold=\([0-9.]*\).*/\1/p' | median)"
RAW="$(sed -n 's/^raw run=.*tx_per_s=\([0-9.]*\).*/\1/p' "$WORK/holds.txt" | median)"
Y_CONFIRMS="$(grep '^transport=' "$WORK/confirm.txt" | sed -n 's/.* confirms_per_s=\([0-9.]*\).*/\1/p' | median)"
Y_CONFIRM_CPU="$(grep '^transport=' "$WORK/confirm.txt" | sed -n 's/.* service_cpu_ms_per_confirm=\([0-9.]*\).*/\1/p' | median)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1fx", a/b; else print "n/a"}'; }

echo
echo "== summary (medians of $RUNS runs each, 64 connections, this machine, back to back)"
printf "%-34s %12s %12s %10s\n" figure Yeyak Django Yeyak:Django
printf "%-34s %12s %12s %10s\n" "holds (Django: reserve) per s" "$Y_HOLDS" "$D_RESERVE" "$(ratio "$Y_HOLDS" "$D_RESERVE")"
printf "%-34s %12s %12s %10s\n" "confirms per s" "$Y_CONFIRMS" "$D_CONFIRM" "$(ratio "$Y_CONFIRMS" "$D_CONFIRM")"
echo "raw SQLite durable tx/s: $RAW; Yeyak holds : raw = $(ratio "$Y_HOLDS" "$RAW")"
echo "Yeyak service CPU: $Y_HOLD_CPU ms per hold, $Y_CONFIRM_CPU ms per confirm"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
