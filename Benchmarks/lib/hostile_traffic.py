#!/usr/bin/env python3
"""Hostile HTTP at the socket, bounded in time, against 127.0.0.1 only.

At the same time, for SECONDS:
  - slowloris: SLOWLORIS connections that send a request line and then one header byte every
    3 s (reopened whenever the server closes them; the server's header deadline should answer 408);
  - slow bodies: 40 connections that declare a 1,000-byte body and send one byte every 3 s (408);
  - huge headers (a 64 KiB field, 101 fields), a 9 KiB request line (431 / 414);
  - huge declared bodies (Content-Length 2^62 and 1 MiB + 1: 413) and real 1 MiB junk bodies;
  - smuggling: CL+TE, two different CLs, CL lists, signed CLs, TE chunked, TE variants,
    each carrying a second request in its "body" (the server must answer once and close).
Each flood kind runs at about RATE attempts/s on fresh connections.

Usage: hostile_traffic.py PORT SECONDS [SLOWLORIS=500] [RATE=20]
Prints one HOSTILE line per attack kind: attempts, statuses seen, and how many answers contained
more than one response (a smuggled request answered = a failure).
"""
import collections, select, socket, sys, threading, time

port, seconds = int(sys.argv[1]), float(sys.argv[2])
slowloris_count = int(sys.argv[3]) if len(sys.argv) > 3 else 500
rate = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
deadline = time.monotonic() + seconds
lock = threading.Lock()
stats = collections.defaultdict(collections.Counter)   # kind -> Counter of outcomes

def record(kind, outcome):
    with lock:
        stats[kind][outcome] += 1

def status_of(data):
    if not data:
        return "closed-without-answer"
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    return parts[1] if len(parts) > 1 and line.startswith("HTTP/1.") else "garbage"

SMUGGLED = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
def post(headers, body=b""):
    return b"POST /api/reservations HTTP/1.1\r\nHost: t\r\n" + headers + b"\r\n" + body

FLOODS = {
    "huge-header-64KiB": [b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + b"v" * 65536 + b"\r\n\r\n"],
    "101-fields": [b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(101)) + b"\r\n"],
    "9KiB-request-line": [b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n"],
    "declared-2^62-body": [post(b"Content-Type: application/json\r\nContent-Length: 4611686018427387904\r\n")],
    "declared-1MiB+1-body": [post(b"Content-Type: application/json\r\nContent-Length: 1048577\r\n")],
    "real-1MiB-junk-body": [post(b"Content-Type: application/json\r\nContent-Length: 1048576\r\n", b"x" * 1048576)],
    "smuggling": [
        post(b"Content-Length: 35\r\nTransfer-Encoding: chunked\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"Content-Length: 0\r\nContent-Length: 35\r\n", SMUGGLED),
        post(b"Content-Length: 35, 0\r\n", SMUGGLED),
        post(b"Content-Length: +35\r\n", SMUGGLED),
        post(b"Content-Length:  35 \r\nContent-Length: 0\r\n", SMUGGLED),
        post(b"Transfer-Encoding: chunked\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"Transfer-Encoding: xchunked\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"Transfer-Encoding : chunked\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", b"0\r\n\r\n" + SMUGGLED),
        post(b"X-Folded: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 35\r\n", SMUGGLED),
        b"GET /healthz HTTP/1.1\r\nHost: t\nContent-Length: 35\r\n\r\n" + SMUGGLED,
    ],
}

def exchange(kind, payload):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        record(kind, "connect-failed")
        return
    data = b""
    try:
        try:
            s.sendall(payload)
        except OSError:
            pass   # the server may answer and close before reading everything (413/431): fine
        s.shutdown(socket.SHUT_WR) if kind != "smuggling" else None
        while len(data) < 1 << 20:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        record(kind, "no-close-within-5s")
    except OSError:
        pass
    finally:
        s.close()
    record(kind, status_of(data))
    if data.count(b"HTTP/1.1 ") > 1:
        record(kind, "MORE-THAN-ONE-RESPONSE")

def flood(kind, payloads):
    i = 0
    start = time.monotonic()
    while time.monotonic() < deadline:
        exchange(kind, payloads[i % len(payloads)])
        i += 1
        pause = start + i / rate - time.monotonic()
        if pause > 0:
            time.sleep(pause)

def trickle(kind, count, opening, interval=3.0):
    """Keeps `count` connections open, each sending one byte every `interval` seconds."""
    socks = {}
    def open_one():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(opening)
            s.setblocking(False)
            socks[s] = 0
            record(kind, "opened")
        except OSError:
            record(kind, "connect-failed")
    for _ in range(count):
        open_one()
    next_tick = time.monotonic()
    while time.monotonic() < deadline:
        readable, _, _ = select.select(list(socks), [], [], 0.2) if socks else ([], [], [])
        for s in readable:
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            record(kind, status_of(data))
            socks.pop(s, None)
            s.close()
            open_one()
        if time.monotonic() >= next_tick:
            next_tick += interval
            for s in list(socks):
                try:
                    s.send(b"x" if kind == "slow-body" else b"a")
                    socks[s] += 1
                except OSError:
                    record(kind, "send-failed")
                    socks.pop(s, None)
                    s.close()
                    open_one()
    for s in socks:
        s.close()

threads = [threading.Thread(target=trickle, args=("slowloris", slowloris_count,
                                                   b"POST /api/reservations HTTP/1.1\r\nHost: t\r\nX-Slow: "))]
threads.append(threading.Thread(target=trickle, args=("slow-body", 40,
    b"POST /api/reservations HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")))
threads += [threading.Thread(target=flood, args=(kind, payloads)) for kind, payloads in FLOODS.items()]
for t in threads:
    t.start()
for t in threads:
    t.join()
for kind in ["slowloris", "slow-body"] + list(FLOODS):
    outcomes = " ".join(f"{k}:{v}" for k, v in sorted(stats[kind].items()))
    print(f"HOSTILE {kind} {outcomes}", flush=True)
