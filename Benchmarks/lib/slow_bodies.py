#!/usr/bin/env python3
"""COUNT slow clients, each POSTing a reservation that declares DECLARED body bytes and sends
only SENT of them, then stays silent for HOLD seconds (127.0.0.1 only, bounded in time).

Usage: slow_bodies.py PORT COUNT DECLARED SENT HOLD
Prints one SLOW line: how many connected, how many the server answered early (with which
statuses) while they were held, then sleeps HOLD seconds so the caller can sample the service.
"""
import collections, selectors, socket, sys, time

port, count, declared, sent, hold = (int(a) for a in sys.argv[1:6])
head = (f"POST /api/reservations HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Content-Length: {declared}\r\n\r\n").encode()
body = b"x" * sent
sockets, statuses = [], collections.Counter()
for _ in range(count):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(head + body)
        s.setblocking(False)
        sockets.append(s)
    except OSError as error:
        statuses[f"connect-{type(error).__name__}"] += 1
print(f"SLOW opened={len(sockets)} declared={declared} sent={sent}", flush=True)
deadline = time.monotonic() + hold
selector = selectors.DefaultSelector()   # epoll: select() stops at descriptor 1024
for s in sockets:
    selector.register(s, selectors.EVENT_READ)
while time.monotonic() < deadline:
    if not sockets:
        time.sleep(0.5)
        continue
    for key, _ in selector.select(0.5):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        statuses[line.split(" ")[1] if line.startswith("HTTP/1.") else "closed"] += 1
        selector.unregister(s)
        sockets.remove(s)
        s.close()
print(f"SLOW still_open={len(sockets)} answered_early={dict(statuses)}", flush=True)
