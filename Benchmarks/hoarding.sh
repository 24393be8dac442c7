#!/usr/bin/env bash
# Hoarding (issue 16, PRODUCT.md invariant 10): how much one client can hold unpaid, and how long
# a flood from N client addresses needs to block a slot or the whole site, against the release
# `yeyak serve` with its default hold limits on the sample content (content/), behind a trusted
# proxy as deployed (--trusted-proxy 127.0.0.1; each simulated client address is sent as
# X-Forwarded-For, one address per /24 unless said otherwise). Every hold uses a fresh
# customerKey and a fresh phone number, as a script would.
#   1. one address, 1,000 holds (party 2, rotating over every slot), 16 connections;
#   2. N = 1, 2 addresses (distinct /24s) flood ONE 12-seat slot (tables of 2, then of 4) at once,
#      full tables first, then smaller parties down to 1 on each refusal;
#   3. N addresses (distinct /24s) flood EVERY slot at once, N = seats / per-address limit, rounded up.
# Printed: holds/s as measured, seats held, whether and when the slot/site was blocked.
#
# Usage: Benchmarks/hoarding.sh          (YEYAK=path/to/yeyak skips the release build)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need curl curl; need python3 python3

WORK="$(mktemp -d "${BENCH_DIR:-/tmp}/yeyak-bench-hoarding.XXXXXX")"
SERVICE_PID=""
cleanup() { stop_pid "$SERVICE_PID"; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== hoarding benchmark"
machine_report "$WORK"
echo "command: Benchmarks/hoarding.sh"
if [ -z "${YEYAK:-}" ]; then build_release; fi
echo "yeyak: $YEYAK"
cp -r "$BENCH_ROOT/content" "$WORK/content"
PORT="$(free_port)"
SERVE_LIMITS="--trusted-proxy 127.0.0.1" start_service "$WORK" "$PORT"
echo "service on 127.0.0.1:$PORT with the default hold limits ($("$YEYAK" serve --help | grep -E -- '--max-(holds|unpaid|slot)' | sed -E 's/^ *(--[a-z-]+) [A-Z]+ .*default: ([0-9]+).*/\1=\2/' | tr '\n' ' '))"

python3 - "$PORT" "$WORK/content" <<'PY'
import http.client, json, os, sys, threading, time, math
port, content = int(sys.argv[1]), sys.argv[2]
seats_of = {}
slugs = []
for name in sorted(os.listdir(f"{content}/restaurants")):
    slug = name[:-5]; slugs.append(slug)
    for table in json.load(open(f"{content}/restaurants/{name}"))["tables"]:
        seats_of[(slug, table["id"])] = table["seats"]

def conn(): return http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def slots():
    c = conn(); out = []
    for slug in slugs:
        c.request("GET", f"/api/availability?restaurant={slug}")
        for s in json.loads(c.getresponse().read())["slots"]:
            s["maxParty"] = seats_of[(slug, s["slotId"].split(".")[1])]; out.append(s)
    return out
counter = [0]; lock = threading.Lock()
def hold(c, slot, party, address):
    with lock: counter[0] += 1; n = counter[0]
    body = json.dumps({"slotId": slot, "partySize": party, "customerKey": f"hoard_{n}_{time.time_ns()}",
                       "name": "봇", "phone": f"010{30000000 + n:08d}"})
    c.request("POST", "/api/reservations", body, {"Content-Type": "application/json", "X-Forwarded-For": address})
    r = c.getresponse(); r.read(); return r.status

all_slots = slots()
total = sum(s["seatsLeft"] for s in all_slots)
print(f"sample content: {len(all_slots)} upcoming slots, {total} seats free")

# 1. One address, 1,000 holds.
statuses = []; jobs = list(range(1000)); t0 = time.monotonic()
def worker():
    c = conn()
    while True:
        with lock:
            if not jobs: return
            i = jobs.pop()
        s = all_slots[i % len(all_slots)]
        statuses.append(hold(c, s["slotId"], min(2, s["maxParty"]), "198.51.100.1"))
threads = [threading.Thread(target=worker) for _ in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
elapsed = time.monotonic() - t0
held = total - sum(s["seatsLeft"] for s in slots())
print(f"1. one address, 1000 holds in {elapsed:.2f} s = {1000/elapsed:.0f} holds/s answered: "
      f"{statuses.count(201)} x 201, {statuses.count(429)} x 429, other {len(statuses) - statuses.count(201) - statuses.count(429)}; "
      f"seats held by the address: {held} of {total} ({100*held/total:.1f}%)")

# 2. N addresses against one 12-seat slot.
for n, table_seats in [(1, 2), (2, 2), (1, 4), (2, 4)]:
    slot = next(s for s in slots() if s["seatsLeft"] == s["capacity"] == 12 and s["maxParty"] == table_seats)
    sid = slot["slotId"]; party = slot["maxParty"]
    results = []; t0 = time.monotonic(); blocked_at = [None]
    def flood(address):
        # Full tables first; on a refusal a smaller party, down to 1 (what a script would try).
        c = conn(); size = party
        while size >= 1:
            status = hold(c, sid, size, address)
            if status != 201: size -= 1
    threads = [threading.Thread(target=flood, args=(f"10.{n}{table_seats}.{k}.1",)) for k in range(n)]
    [t.start() for t in threads]; [t.join() for t in threads]
    elapsed = time.monotonic() - t0
    left = next(s["seatsLeft"] for s in slots() if s["slotId"] == sid)
    print(f"2. {n} address(es) in {n} /24s vs slot {sid} (12 seats, tables of {party}): "
          f"{12 - left} seats held, {left} left -> {'BLOCKED' if left == 0 else 'still bookable'} after {elapsed*1000:.0f} ms")

# 3. The whole site from N = ceil(seats / 40) addresses.
remaining = slots(); free = sum(s["seatsLeft"] for s in remaining)
n = math.ceil(free / 40)
t0 = time.monotonic(); sent = [0]
def site_flood(k):
    c = conn(); address = f"172.{16 + k // 256}.{k % 256}.1"
    for s in remaining[k % len(remaining):] + remaining[:k % len(remaining)]:
        while True:
            status = hold(c, s["slotId"], min(2, s["maxParty"]), address)
            with lock: sent[0] += 1
            if status != 201: break  # 409 sold out or 429 (share of this slot, or the address is at its limit): next slot
threads = [threading.Thread(target=site_flood, args=(k,)) for k in range(n)]
for i in range(0, n, 32):
    batch = threads[i:i + 32]; [t.start() for t in batch]; [t.join() for t in batch]
elapsed = time.monotonic() - t0
after = slots(); left = sum(s["seatsLeft"] for s in after); blocked = sum(1 for s in after if s["seatsLeft"] == 0)
print(f"3. {n} addresses (distinct /24s) flood every slot: {sent[0]} requests in {elapsed:.1f} s ({sent[0]/elapsed:.0f}/s), "
      f"{free - left} of {free} seats held, {blocked} of {len(after)} slots blocked, {left} seats still bookable")
PY
