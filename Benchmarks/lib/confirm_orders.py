#!/usr/bin/env python3
"""Prepares approved Toss orders for the confirm benchmark, or runs a slow confirm loop for the soak.

prepare PORT SANDBOX_PORT SLOTS_FILE N OUTFILE [WORKERS=16]
    For each of N orders: hold seats on the service (POST /api/reservations), open a payment
    session on the sandbox (POST /__sandbox/sessions) and approve it (.../approve). Writes the
    service-relative success redirect (path?paymentKey=&orderId=&amount=) of each, one a line.
loop PORT SANDBOX_PORT SLOTS_FILE RATE SECONDS
    The whole flow including the success redirect, RATE orders/s; prints a CONFIRMS line.
"""
import concurrent.futures, datetime, http.client, json, sys, threading, time, urllib.parse

CLIENT_KEY = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"
local = threading.local()

def connection(port):
    key = f"c{port}"
    conn = getattr(local, key, None)
    if conn is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        setattr(local, key, conn)
    return conn

def call(port, method, path, body=None):
    for attempt in range(3):
        conn = connection(port)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            response = conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                conn.close(); setattr(local, f"c{port}", None)
            return response.status, data
        except (http.client.HTTPException, OSError):
            conn.close(); setattr(local, f"c{port}", None)
            if attempt == 2:
                raise

def approved_order(port, sandbox, slot, key):
    status, data = call(port, "POST", "/api/reservations",
                        {"slotId": slot, "partySize": 2, "customerKey": key, "name": "손님", "phone": "010-1234-5678"})
    if status != 201:
        raise RuntimeError(f"hold answered {status}: {data[:200]!r}")
    hold = json.loads(data)
    base = f"http://127.0.0.1:{port}/restaurant/confirm"
    status, data = call(sandbox, "POST", "/__sandbox/sessions", {
        "clientKey": CLIENT_KEY, "orderId": hold["orderId"], "orderName": hold["orderName"],
        "amount": hold["amount"], "successUrl": base + "/success/", "failUrl": base + "/failed/",
        "customerKey": key})
    if status != 201 and status != 200:
        raise RuntimeError(f"session answered {status}: {data[:200]!r}")
    session = json.loads(data)["sessionId"]
    status, data = call(sandbox, "POST", f"/__sandbox/sessions/{session}/approve")
    if status != 200:
        raise RuntimeError(f"approve answered {status}: {data[:200]!r}")
    url = urllib.parse.urlsplit(json.loads(data)["redirectUrl"])
    return f"{url.path}?{url.query}"

def prepare(port, sandbox, slots_file, n, out, workers=16):
    # Only slots from tomorrow on (Seoul): a slot starting during a long run closes mid-run.
    tomorrow = (datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))) + datetime.timedelta(days=1)).strftime("%Y%m%d")
    slots = [s.strip() for s in open(slots_file) if s.strip() and s.strip().split(".")[-2] >= tomorrow]
    tag = f"{int(time.time() * 1000) % 10**9}"
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        urls = list(pool.map(lambda i: approved_order(port, sandbox, slots[i % len(slots)], f"c{tag}-{i}"), range(n)))
    with open(out, "w") as f:
        f.write("\n".join(urls) + "\n")
    print(f"prepared {n} approved orders in {time.monotonic() - start:.1f} s", flush=True)

def loop(port, sandbox, slots_file, rate, seconds):
    # Only slots from tomorrow on (Seoul): a slot starting during a long run closes mid-run.
    tomorrow = (datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))) + datetime.timedelta(days=1)).strftime("%Y%m%d")
    slots = [s.strip() for s in open(slots_file) if s.strip() and s.strip().split(".")[-2] >= tomorrow]
    start, i, ok, failed, latencies = time.monotonic(), 0, 0, 0, []
    while time.monotonic() - start < seconds:
        due = start + i / rate
        if due > time.monotonic():
            time.sleep(due - time.monotonic())
        try:
            path = approved_order(port, sandbox, slots[(i * 7) % len(slots)], f"soak{int(start)}-{i}")
            t = time.monotonic()
            status, body = call(port, "GET", path)
            latencies.append((time.monotonic() - t) * 1000)
            ok += status == 200 and "예약이 성공하였습니다".encode() in body
            failed += not (status == 200 and "예약이 성공하였습니다".encode() in body)
        except Exception as error:
            failed += 1
            print(f"confirm loop error: {error}", file=sys.stderr)
        i += 1
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else float("nan")
    print(f"CONFIRMS orders={i} paid={ok} failed={failed} p99_ms={p99:.1f}", flush=True)

if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "prepare":
        prepare(int(args[0]), int(args[1]), args[2], int(args[3]), args[4], int(args[5]) if len(args) > 5 else 16)
    else:
        loop(int(args[0]), int(args[1]), args[2], float(args[3]), float(args[4]))
