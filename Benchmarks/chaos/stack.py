"""The two processes under test (the Toss sandbox and `yeyak serve`) and a tiny HTTP client.

Every request opens its own connection, so a SIGKILLed service only costs the requests in flight.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse

SECRET_KEY = "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"


class NetworkError(Exception):
    """No HTTP answer: refused, reset, dropped or timed out (the service may have been killed)."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None, headers=None, timeout=45.0):
    """(status, body bytes); raises NetworkError when no answer came."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    data = None
    all_headers = {"Connection": "close"}
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        raise NetworkError(f"{type(error).__name__}: {error}") from None
    finally:
        connection.close()


def request_json(method, url, body=None, headers=None, timeout=45.0):
    status, raw = request(method, url, body, headers, timeout)
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, None


class Sandbox:
    """`yeyak sandbox`: the Toss stand-in, with webhooks pointed at the service."""

    def __init__(self, binary, port, webhook_url, log_path, hang_seconds=120):
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(
            [binary, "sandbox", "--port", str(port), "--webhook-url", webhook_url, "--webhook-time-scale", "0.001",
             "--hang-seconds", str(hang_seconds)],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: self._answers(), 20, "the sandbox did not start; see " + log_path)

    def _answers(self):
        try:
            return self.admin("GET", "/__sandbox/faults")[0] == 200
        except NetworkError:
            return False

    def admin(self, method, path, body=None, timeout=30.0):
        return request_json(method, self.base + path, body, timeout=timeout)

    def set_faults(self, plan):
        status, answer = self.admin("POST", "/__sandbox/faults", plan)
        if status != 200:
            raise RuntimeError(f"fault plan refused: {status} {answer}")

    def stop(self):
        stop_process(self.process)
        self.log.close()


class Service:
    """`yeyak serve` on a fixed port and database, killed and restarted by the chaos loop."""

    def __init__(self, binary, port, content, db, templates, sandbox_base, log_path, hold_minutes):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.argv = [binary, "serve", "--content", content, "--db", db, "--port", str(port),
                     "--templates", templates, "--hold-minutes", str(hold_minutes),
                     # every chaos client is one loopback address: the hold limits would stop the load
                     "--no-hold-limits"]
        self.env = dict(os.environ, TOSS_SECRET_KEY=SECRET_KEY, TOSS_API_BASE=sandbox_base)
        self.log_path = log_path
        self.process = None
        self.starts = 0
        self.start_seconds = []  # from exec to /healthz answering, per start


    def start(self):
        with open(self.log_path, "ab") as log:
            log.write(f"---- chaos: start #{self.starts + 1} at {time.strftime('%H:%M:%S')}\n".encode())
            log.flush()
            self.process = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        self.starts += 1
        began = time.monotonic()
        # Generous: the service settles what the previous run left unsettled (one Toss call after
        # another) before it listens, and under faults each call can take 5-30 s.
        wait_until(self.healthy, 240, "the service did not become healthy in 240 s; see " + self.log_path)
        self.start_seconds.append(round(time.monotonic() - began, 2))

    def healthy(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the service exited with {self.process.returncode}; see {self.log_path}")
        try:
            return request("GET", self.base + "/healthz", timeout=2)[0] == 200
        except NetworkError:
            return False

    def kill(self):
        """SIGKILL: no graceful anything, exactly like a crash."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        """SIGTERM: the graceful stop (finishes in-flight requests, closes the database)."""
        stop_process(self.process, grace=40)


def stop_process(process, grace=10):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until(predicate, seconds, message):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(message)
