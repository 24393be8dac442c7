#!/usr/bin/env bash
# Faults under load (issue 8): mixed guests against the release `yeyak serve` while the Toss sandbox
# injects latency, timeouts, 5xx, PROVIDER_ERROR and apply-then-drop, and the service is SIGKILLed
# and restarted once per cycle (refunds among the load: cancel faults, kills mid-refund); then the
# invariants, refunds included after one reconciler pass, are checked from the database and the sandbox.
#   Benchmarks/chaos/run.sh [--cycles 20] [--seconds-per-cycle 6] [--seed N] [--workers 8] [--keep]
#   Benchmarks/chaos/run.sh --self-test          # a short run, then proves the checker reports corruptions
#   Benchmarks/chaos/run.sh --check-only RUN_DIR # check a kept run again
# Exit status: 0 no violation, 1 violations (each printed with its orderId), 2 the harness failed.
# Everything listens on 127.0.0.1; the run directory is under /tmp (kept when something is wrong).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " != *" --check-only "* ]]; then
    swift build -c release --product yeyak 2>&1 | tail -n 1
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "command: Benchmarks/chaos/run.sh $*"
exec python3 Benchmarks/chaos/chaos.py --binary "$(swift build -c release --show-bin-path)/yeyak" "$@"
