# Shared by the service benchmarks (sourced, not run): tools, machine report, the release build,
# a benchmark content folder that never sells out, and starting/stopping/sampling the service.
# Everything listens on 127.0.0.1 only.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOSS_TEST_SECRET="test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"
TOSS_TEST_CLIENT="test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"

# need TOOL DEBIAN-PACKAGE: installs a missing tool with apt (as root) or says what to install.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing $2 (for $1)..." >&2
    (apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1; }) || true
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is missing; install it with: apt-get install $2" >&2; exit 2; }
}

# machine_report DIR: cores, memory, the disk holding DIR, kernel, date.
machine_report() {
  echo "machine: $(nproc) cores; $(awk '/MemTotal/ {printf "MemTotal %.1f GiB", $2/1048576} /MemAvailable/ {printf ", MemAvailable %.1f GiB", $2/1048576}' /proc/meminfo); $(uname -sr)"
  echo "disk of $1: $(df -hT "$1" | awk 'NR==2 {print $1", "$2", size "$3", used "$4", avail "$5}') (mounted $(df "$1" | awk 'NR==2 {print $6}'))"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# commit_report: the commit measured (and whether Sources/ had uncommitted changes).
commit_report() {
  echo "commit: $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$BENCH_ROOT" diff --quiet HEAD -- Sources 2>/dev/null || echo ' (with uncommitted changes in Sources/)')"
}

# build_release: builds yeyak in release mode and sets YEYAK.
build_release() {
  (cd "$BENCH_ROOT" && swift build -c release --product yeyak 2>&1 | tail -n 1) >&2
  YEYAK="$(cd "$BENCH_ROOT" && swift build -c release --show-bin-path)/yeyak"
}

# make_content DIR: one restaurant 'bench' with 48 slots a day for 90 days at 500 seats each
# (2 x 90 x 48 x 250 = over a million party-of-2 holds before anything sells out), and a
# restaurant 'bench-small' shaped like a real one (3 tables x 3 times x 14 days) for availability.
make_content() {
  python3 - "$1" "$TOSS_TEST_CLIENT" <<'PY'
import json, os, sys
root, client = sys.argv[1], sys.argv[2]
os.makedirs(f"{root}/restaurants", exist_ok=True)
json.dump({"title": "벤치마크", "baseURL": "http://127.0.0.1/", "serviceURL": "http://127.0.0.1",
           "timeZone": "Asia/Seoul", "toss": {"clientKey": client, "sdkURL": "https://js.tosspayments.com/v2/standard"}},
          open(f"{root}/site.json", "w"), ensure_ascii=False)
common = {"category": "한식", "description": "벤치마크용 식당입니다.", "address": "서울특별시 중구 을지로 1",
          "phone": "02-123-4567", "kind": "standard", "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20}}
times = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]
json.dump(dict(common, name="벤치 식당", tables=[{"id": "hall", "name": "홀", "seats": 50, "depositPerPerson": 10000}],
               weekly=[{"days": ["mon-sun"], "times": times, "seats": 500, "nextDays": 90}]),
          open(f"{root}/restaurants/bench.json", "w"), ensure_ascii=False)
json.dump(dict(common, name="작은 식당",
               tables=[{"id": f"t{s}", "name": f"{s}인석", "seats": s, "depositPerPerson": 10000} for s in (2, 4, 6)],
               weekly=[{"days": ["mon-sun"], "times": ["12:00", "18:00", "20:00"], "nextDays": 14}]),
          open(f"{root}/restaurants/bench-small.json", "w"), ensure_ascii=False)
PY
}

# free_port: a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL: waits up to 60 s for URL to answer.
wait_http() {
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "error: $1 did not answer within 60 s" >&2
  return 1
}

# start_service WORK PORT [SANDBOX_PORT]: starts the release service on WORK/content and
# WORK/db/yeyak.sqlite, access log to WORK/service.log; sets SERVICE_PID. Every benchmark client is
# one loopback address, so the hold limits are off unless SERVE_LIMITS gives other serve options.
start_service() {
  local work="$1" port="$2" sandbox="${3:-1}"
  mkdir -p "$work/db"
  TOSS_SECRET_KEY="$TOSS_TEST_SECRET" TOSS_API_BASE="http://127.0.0.1:$sandbox" \
    "$YEYAK" serve --content "$work/content" --db "$work/db/yeyak.sqlite" --port "$port" \
    --templates "$BENCH_ROOT/site-templates" --hold-minutes "${HOLD_MINUTES:-15}" \
    ${SERVE_LIMITS:---no-hold-limits} >"$work/service.log" 2>&1 &
  SERVICE_PID=$!
  wait_http "http://127.0.0.1:$port/healthz"
}

# start_sandbox WORK PORT: starts `yeyak sandbox`; sets SANDBOX_PID.
start_sandbox() {
  local work="$1" port="$2"
  "$YEYAK" sandbox --port "$port" >"$work/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  for _ in $(seq 1 600); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "error: the sandbox did not listen on $port" >&2
  return 1
}

# stop_pid PID: SIGTERM, then wait (SIGKILL after 15 s).
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# rss_kib PID FIELD: VmRSS or VmHWM of PID in KiB.
rss_kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
# cpu_ticks PID: user+system CPU time of PID so far, in clock ticks (getconf CLK_TCK, 100 on Linux).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# cpu_ms_per OPS TICKS_BEFORE TICKS_AFTER: CPU milliseconds per operation.
cpu_ms_per() { awk -v n="$1" -v a="$2" -v b="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", (b - a) * 1000 / hz / n}'; }
fds() { ls "/proc/$1/fd" | wc -l; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }

# slot_ids PORT RESTAURANT FILE: writes the upcoming slot ids, one a line.
slot_ids() {
  curl -fsS "http://127.0.0.1:$1/api/availability?restaurant=$2" |
    python3 -c 'import json,sys; [print(s["slotId"]) for s in json.load(sys.stdin)["slots"] if s["seatsLeft"] > 10]' >"$3"
  [ -s "$3" ] || { echo "error: no slots for $2" >&2; return 1; }
}

# sample_rss PID INTERVAL OUTFILE: background sampler of VmRSS (KiB) until killed; sets SAMPLER_PID.
sample_rss() {
  ( while kill -0 "$1" 2>/dev/null; do rss_kib "$1" VmRSS; sleep "$2"; done >"$3" ) &
  SAMPLER_PID=$!
}

# median: the median of the numbers on stdin (one a line).
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
