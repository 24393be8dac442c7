#!/usr/bin/env python3
"""A normal guest client at a fixed rate: POST /api/reservations over one keep-alive connection.

Open loop: request i is due at start + i / rate, and its latency is measured from that due time,
so a stall shows up in the percentiles instead of silently slowing the client down (no
coordinated omission). Reconnects when the server closes the connection (e.g. after its
per-connection request cap) and counts failures.

Usage: steady_client.py PORT SLOTS_FILE RATE SECONDS TAG
Prints: STEADY tag=.. requests=N ok=N non_2xx=N errors=N p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. reconnects=N
"""
import os
import http.client, json, sys, time

port, slots_file, rate, seconds, tag = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
slots = [s.strip() for s in open(slots_file) if s.strip()]
SOURCE = os.environ.get("STEADY_SOURCE", "127.0.0.2")
conn, reconnects = None, -1
latencies, ok, non_2xx, errors = [], 0, 0, 0
start = time.monotonic()
i = 0
while True:
    due = start + i / rate
    if due - start >= seconds:
        break
    now = time.monotonic()
    if due > now:
        time.sleep(due - now)
    body = json.dumps({"slotId": slots[i % len(slots)], "partySize": 2, "customerKey": f"steady-{tag}-{i}",
                       "name": "손님", "phone": "010-1234-5678"})
    try:
        if conn is None:
            # The guest is another client than the attacker (issue 20: 127.0.0.2-4 as distinct
            # clients), so the per-address caps that stop the attack must leave this one alone.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(SOURCE, 0))
            reconnects += 1
        conn.request("POST", "/api/reservations", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        if 200 <= response.status < 300:
            ok += 1
        else:
            non_2xx += 1
        if response.getheader("Connection", "").lower() == "close":
            conn.close(); conn = None
    except Exception:
        errors += 1
        if conn is not None:
            conn.close()
        conn = None
    latencies.append((time.monotonic() - due) * 1000)
    i += 1

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(round(p / 100 * len(latencies) + 0.5)) - 1)] if latencies else float("nan")
print(f"STEADY tag={tag} requests={len(latencies)} ok={ok} non_2xx={non_2xx} errors={errors} "
      f"p50_ms={pct(50):.2f} p90_ms={pct(90):.2f} p99_ms={pct(99):.2f} max_ms={latencies[-1] if latencies else 0:.2f} "
      f"reconnects={max(0, reconnects)}", flush=True)
