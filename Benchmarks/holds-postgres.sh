#!/usr/bin/env bash
# Durable holds/s: SQLite vs PostgreSQL with one `yeyak serve` and with three on one database
# (issue 15). The release binary, the bench content (slots of 500 seats, nothing sells out), wrk
# with Benchmarks/lib/holds.lua at C connections in total (for three instances C/3 each, three wrk
# at once, rates summed). PostgreSQL 15 runs from a throwaway cluster (initdb as the postgres
# user, unix socket, default durability: fsync=on, synchronous_commit=on) on the same disk.
#
# Usage: Benchmarks/holds-postgres.sh [SECONDS=10] [CONNECTIONS=64]   (run as root or as postgres)
#   DB_CONNECTIONS=N  each instance's PostgreSQL pool (--db-connections, default 8)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
SECONDS_PER_RUN="${1:-10}"
C="${2:-64}"
need wrk wrk; need curl curl; need python3 python3
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
[ -x "$PGBIN/initdb" ] || { echo "error: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-pg.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  [ -d "$WORK/pg/data" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== holds: SQLite vs PostgreSQL, 1 and 3 instances"
machine_report "$WORK"
echo "command: Benchmarks/holds-postgres.sh $SECONDS_PER_RUN $C"
build_release
make_content "$WORK/content"

chmod 755 "$WORK"; mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$WORK/pg' -c max_connections=200" start </dev/null >/dev/null 2>&1
as_pg "$PGBIN/psql" -h "$WORK/pg" -U postgres -d postgres -qc "CREATE DATABASE yeyak"
URL="postgresql://postgres@/yeyak?host=$WORK/pg"

serve() { # DB PORT LOG: started in this shell (stop_pid waits for its own children only)
  TOSS_SECRET_KEY="$TOSS_TEST_SECRET" TOSS_API_BASE="http://127.0.0.1:1" \
    "$YEYAK" serve --content "$WORK/content" --db "$1" --port "$2" --templates "$BENCH_ROOT/site-templates" \
    --no-hold-limits --db-connections "${DB_CONNECTIONS:-8}" >"$3" 2>&1 &
}
wrk_at() { # PORT CONNECTIONS TAG
  (cd "$WORK" && SLOTS_FILE="$WORK/slots" RUN_ID="$3" \
    wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}"s --timeout 10s -s "$BENCH_ROOT/Benchmarks/lib/holds.lua" "http://127.0.0.1:$1/" | grep '^RESULT')
}
rate() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p'; }

run() { # NAME DB INSTANCES
  local ports=() pids=() i
  for i in $(seq 1 "$3"); do
    ports+=("$(free_port)")
    mkdir -p "$WORK/db"
    serve "$2" "${ports[-1]}" "$WORK/service-$1-$i.log"
    pids+=("$!")
  done
  PIDS=("${pids[@]}")
  for p in "${ports[@]}"; do
    wait_http "http://127.0.0.1:$p/healthz" || { echo "error: $1 did not start:" >&2; cat "$WORK"/service-"$1"-*.log >&2; exit 1; }
  done
  slot_ids "${ports[0]}" bench "$WORK/slots"
  wrk_at "${ports[0]}" "$C" "warm-$1-$$" >/dev/null
  : >"$WORK/out-$1"
  local loads=()
  for i in "${!ports[@]}"; do wrk_at "${ports[$i]}" $((C / $3)) "$1-$i-$$" >>"$WORK/out-$1" & loads+=("$!"); done
  wait "${loads[@]}"
  local total
  total="$(rate <"$WORK/out-$1" | awk '{s+=$1} END {printf "%.0f", s}')"
  echo "$1: $total holds/s with $C connections over $3 instance(s)"
  sed 's/^/  /' "$WORK/out-$1"
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  PIDS=()
}

run sqlite "$WORK/db/yeyak.sqlite" 1
run postgres-1 "$URL" 1
run postgres-3 "$URL" 3
