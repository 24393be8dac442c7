"""Guests: worker threads that hold seats, pay, fail, reload, cancel and tamper, while the service
is being killed. Every answer is recorded; every 201 hold is remembered for the checks.
"""
import collections
import random
import threading
import time
import urllib.parse
import uuid

from content import CLIENT_KEY
from stack import NetworkError, request, request_json

SCENARIOS = [  # (name, weight)
    ("pay", 34), ("pay_reload", 8), ("pay_concurrent", 8), ("decline", 12), ("reuse", 8),
    ("refund", 14), ("tamper", 5), ("abandon", 6), ("approve_abandon", 3), ("late", 4),
]


class Recorder:
    """Thread-safe record of what the guests saw."""

    def __init__(self):
        self.lock = threading.Lock()
        self.holds = {}            # orderId -> {slotId, partySize, amount, customerKey, scenario}
        self.answers = collections.Counter()   # (operation, status or error kind) -> n
        self.scenarios = collections.Counter()
        self.tampers = []          # one dict per tampered redirect
        self.timeline = collections.defaultdict(list)  # orderId -> [(t, what)]
        self.refunds = collections.defaultdict(list)  # orderId -> [{status, code, state}] per cancel answer
        self.cancels_in_flight = 0  # guest cancel requests waiting for an answer right now
        self.t0 = time.time()

    def answer(self, operation, status, order_id=None, detail=""):
        with self.lock:
            self.answers[(operation, status)] += 1
            if order_id:
                self.timeline[order_id].append((round(time.time() - self.t0, 3), f"{operation} -> {status} {detail}".strip()))

    def hold(self, order_id, record):
        with self.lock:
            self.holds[order_id] = record

    def refund_answer(self, order_id, record):
        with self.lock:
            self.refunds[order_id].append(record)

    def in_flight(self, delta):
        with self.lock:
            self.cancels_in_flight += delta

    def scenario(self, name):
        with self.lock:
            self.scenarios[name] += 1

    def tamper(self, record):
        with self.lock:
            self.tampers.append(record)


class Guest:
    """One guest's browser: the service, the sandbox's payment window, retries after network errors."""

    def __init__(self, service_base, sandbox_base, slots, recorder, rng):
        self.service = service_base
        self.sandbox = sandbox_base
        self.slots = slots
        self.rec = recorder
        self.rng = rng

    # -- steps ---------------------------------------------------------------------------------

    def hold(self, slot_id, party_size, customer_key, retries=2):
        """POST /api/reservations; a network error is retried with the same key (the reuse rule
        gives back the hold if the first attempt committed)."""
        body = {"slotId": slot_id, "partySize": party_size, "customerKey": customer_key,
                "name": "김혼돈", "phone": "010-1234-5678", "comment": "chaos"}
        for attempt in range(retries + 1):
            try:
                status, answer = request_json("POST", self.service + "/api/reservations", body, timeout=20)
            except NetworkError:
                self.rec.answer("hold", "network")
                time.sleep(0.3 + self.rng.random() * 0.5)
                continue
            order_id = answer.get("orderId") if status == 201 and isinstance(answer, dict) else None
            self.rec.answer("hold", status, order_id, f"party {party_size} amount {answer.get('amount') if order_id else ''}")
            if order_id:
                self.rec.hold(order_id, {"slotId": slot_id, "partySize": party_size, "amount": answer["amount"],
                                         "customerKey": customer_key, "orderName": answer["orderName"],
                                         "answeredSlot": answer["slot"]["id"], "answeredKey": answer["customerKey"]})
                return answer
            return None
        return None

    def open_window(self, booking, customer_key):
        status, answer = request_json("POST", self.sandbox + "/__sandbox/sessions", {
            "clientKey": CLIENT_KEY, "orderId": booking["orderId"], "orderName": booking["orderName"],
            "amount": booking["amount"], "customerKey": customer_key,
            "successUrl": self.service + "/restaurant/confirm/success/",
            "failUrl": self.service + "/restaurant/confirm/failed/"})
        self.rec.answer("sandbox_session", status, booking["orderId"])
        return answer["sessionId"] if status == 201 else None

    def choose(self, session_id, choice, order_id):
        status, answer = request_json("POST", f"{self.sandbox}/__sandbox/sessions/{session_id}/{choice}")
        self.rec.answer("sandbox_" + choice, status, order_id)
        return answer if status == 200 else None

    def follow(self, redirect_url, operation, order_id, patience=120):
        """GET the redirect like a browser; after a network error the guest reloads the same URL,
        for up to `patience` seconds (a restart can take long: see the report's start times)."""
        deadline = time.monotonic() + patience
        while True:
            try:
                status, _ = request("GET", redirect_url, timeout=45)
                self.rec.answer(operation, status, order_id)
                return status
            except NetworkError as error:
                self.rec.answer(operation, "network", order_id, str(error)[:60])
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.5 + self.rng.random())

    def cancel_paid(self, order_id, customer_key, retries=12):
        """The guest cancels a paid booking. Network errors (the service killed mid-refund) and
        502s are retried with the same body; 200, 202 (CANCELLING: it settles by itself) and 409
        end it. Every answer is kept per order, for the checks (an acknowledged refund is never
        lost, a refusal is never refunded behind the guest's back)."""
        for attempt in range(retries + 1):
            self.rec.in_flight(+1)
            try:
                status, answer = request_json("POST", f"{self.service}/api/bookings/{order_id}/cancel",
                                              {"customerKey": customer_key}, timeout=45)
            except NetworkError as error:
                self.rec.answer("guest_cancel", "network", order_id, str(error)[:60])
                self.rec.refund_answer(order_id, {"status": "network", "t": round(time.time() - self.rec.t0, 3)})
                time.sleep(0.3 + self.rng.random() * 0.7)
                continue
            finally:
                self.rec.in_flight(-1)
            body = answer if isinstance(answer, dict) else {}
            code = (body.get("error") or {}).get("code") if isinstance(body.get("error"), dict) else None
            record = {"status": status, "code": code, "state": body.get("state"),
                      "refundAmount": body.get("refundAmount"), "t": round(time.time() - self.rec.t0, 3)}
            self.rec.refund_answer(order_id, record)
            self.rec.answer("guest_cancel", status, order_id, code or body.get("state") or "")
            if status != 502:
                return status
            time.sleep(0.5 + self.rng.random())
        return None

    def booking_state(self, order_id, customer_key):
        status, answer = request_json("GET", f"{self.service}/api/bookings/{order_id}",
                                      headers={"X-Customer-Key": customer_key}, timeout=20)
        if status != 200 or not isinstance(answer, dict):
            raise NetworkError(f"booking read {status}")
        return answer.get("state")

    def confirm_calls(self, order_id):
        status, answer = request_json("GET", f"{self.sandbox}/__sandbox/log?orderId={order_id}")
        return answer["confirmCalls"] if status == 200 else None

    # -- scenarios -----------------------------------------------------------------------------

    def new_key(self):
        return "chaos-" + uuid.UUID(int=self.rng.getrandbits(128)).hex[:20]

    def pick(self, hot_share=0.4):
        """40% of guests want one of the few hot slots; the rest spread over the many cold ones."""
        pool = self.slots["hot"] if self.rng.random() < hot_share else self.slots["cold"]
        slot_id, max_party = self.rng.choice(pool)
        return slot_id, self.rng.randint(1, max_party)

    def approved(self, booking, key):
        """Hold -> payment window -> approve; returns the success redirect URL or None."""
        session = self.open_window(booking, key)
        if not session:
            return None
        outcome = self.choose(session, "approve", booking["orderId"])
        return outcome["redirectUrl"] if outcome else None

    def run(self, name):
        self.rec.scenario(name)
        getattr(self, "scenario_" + name)()

    def scenario_pay(self, reloads=0, concurrent=1):
        key = self.new_key()
        booking = self.hold(*self.pick(), key)
        if not booking:
            return None, key
        url = self.approved(booking, key)
        if not url:
            return None, key
        if concurrent > 1:
            threads = [threading.Thread(target=self.follow, args=(url, "success_redirect", booking["orderId"]))
                       for _ in range(concurrent)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        else:
            self.follow(url, "success_redirect", booking["orderId"])
        for _ in range(reloads):
            self.follow(url, "success_reload", booking["orderId"])
        return booking, key

    def scenario_pay_reload(self):
        self.scenario_pay(reloads=self.rng.randint(1, 2))

    def scenario_pay_concurrent(self):
        self.scenario_pay(concurrent=self.rng.randint(2, 4))

    def scenario_decline(self):
        key = self.new_key()
        booking = self.hold(*self.pick(), key)
        if not booking:
            return
        session = self.open_window(booking, key)
        if session:
            outcome = self.choose(session, self.rng.choice(["decline", "cancel"]), booking["orderId"])
            if outcome:
                self.follow(outcome["redirectUrl"], "fail_redirect", booking["orderId"])

    def scenario_reuse(self):
        """The same guest comes back to the same slot (maybe with another party size), then pays."""
        key = self.new_key()
        slot_id, party = self.pick()
        first = self.hold(slot_id, party, key)
        if not first:
            return
        max_party = self.slots["maxParty"][slot_id]
        second = self.hold(slot_id, self.rng.randint(1, max_party), key)
        if second and second["orderId"] != first["orderId"]:
            self.rec.answer("reuse_gave_new_order", "!", first["orderId"], second["orderId"])
        booking = second or first
        url = self.approved(booking, key)
        if url:
            self.follow(url, "success_redirect", booking["orderId"])

    def scenario_refund(self):
        """Pay, then cancel: a refund at Toss under the cancel faults, often cut by a SIGKILL. Only a
        booking the guest sees PAID is cancelled (a hold or a payment being checked is another
        story); a 202 is sometimes repeated, as the page allows ("repeating is safe")."""
        booking, key = self.scenario_pay()
        if not booking:
            return
        time.sleep(self.rng.random() * 0.5)
        order_id = booking["orderId"]
        try:
            state = self.booking_state(order_id, key)
        except NetworkError:
            state = None  # the service is restarting: cancel anyway, the answer says what happened
        if state not in (None, "PAID"):
            self.rec.answer("refund_skipped", state, order_id)
            return
        self.rec.scenario("refund_attempted")
        status = self.cancel_paid(order_id, key)
        if status == 202 and self.rng.random() < 0.3:
            time.sleep(self.rng.random() * 2)
            self.cancel_paid(order_id, key)

    def scenario_tamper(self):
        """A success redirect with another amount must get 403 and change nothing at all."""
        key = self.new_key()
        booking = self.hold(*self.pick(), key)
        if not booking:
            return
        url = self.approved(booking, key)
        if not url:
            return
        order_id = booking["orderId"]
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["amount"] = str(int(query["amount"]) + self.rng.choice([-100, 100, 9000]))
        tampered = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
        record = {"orderId": order_id, "status": None}
        try:
            record["stateBefore"] = self.booking_state(order_id, key)
            record["confirmCallsBefore"] = self.confirm_calls(order_id)
            status, _ = request("GET", tampered, timeout=45)
            record["status"] = status
            self.rec.answer("tampered_redirect", status, order_id)
            record["stateAfter"] = self.booking_state(order_id, key)
            record["confirmCallsAfter"] = self.confirm_calls(order_id)
        except NetworkError as error:
            record["inconclusive"] = str(error)[:80]  # the service was killed around it
        self.rec.tamper(record)
        self.follow(url, "success_redirect", order_id)

    def scenario_abandon(self):
        """A hold nobody pays: it lapses after --hold-minutes."""
        self.hold(*self.pick(), self.new_key())

    def scenario_approve_abandon(self):
        """Approved in the payment window, then the browser never comes back: nothing may be charged."""
        key = self.new_key()
        booking = self.hold(*self.pick(), key)
        if booking:
            self.approved(booking, key)

    def scenario_late(self, wait_seconds):
        """Pays after the hold lapsed: booked only if the seats are still free, never charged otherwise."""
        key = self.new_key()
        booking = self.hold(*self.pick(hot_share=0.7), key)  # hot: the seats may be gone by then
        if not booking:
            return
        time.sleep(wait_seconds)
        url = self.approved(booking, key)
        if url:
            self.follow(url, "late_success_redirect", booking["orderId"])


class Load:
    """N workers running weighted scenarios until stopped; late payers run on their own threads."""

    def __init__(self, service_base, sandbox_base, slots, recorder, seed, workers, late_wait, late_until, think=0.3):
        self.args = (service_base, sandbox_base, slots, recorder)
        self.seed = seed
        self.workers = workers
        self.think = think
        self.late_wait = late_wait
        self.late_until = late_until   # monotonic time after which no late payer starts
        self.stop = threading.Event()
        self.threads = []
        self.late_threads = []
        self.errors = []

    def start(self):
        for i in range(self.workers):
            t = threading.Thread(target=self._work, args=(i,), daemon=True)
            t.start()
            self.threads.append(t)

    def _work(self, index):
        rng = random.Random(self.seed * 1000 + index)
        guest = Guest(*self.args, rng)
        names = [n for n, _ in SCENARIOS]
        weights = [w for _, w in SCENARIOS]
        while not self.stop.is_set():
            name = rng.choices(names, weights)[0]
            try:
                if name == "late":
                    if time.monotonic() < self.late_until and sum(t.is_alive() for t in self.late_threads) < 6:
                        late = Guest(*self.args, random.Random(rng.getrandbits(64)))
                        t = threading.Thread(target=self._late, args=(late,), daemon=True)
                        t.start()
                        self.late_threads.append(t)
                    continue
                guest.run(name)
            except NetworkError:
                pass  # the guest's browser gave up on this one
            except Exception as error:  # a bug in the load itself must be seen, not swallowed
                self.errors.append(f"{name}: {type(error).__name__}: {error}")
            time.sleep(rng.random() * self.think)  # a guest's think time between bookings

    def _late(self, guest):
        try:
            guest.rec.scenario("late")
            guest.scenario_late(self.late_wait + guest.rng.random() * 8)
        except NetworkError:
            pass
        except Exception as error:
            self.errors.append(f"late: {type(error).__name__}: {error}")

    def finish(self, timeout=120):
        self.stop.set()
        deadline = time.monotonic() + timeout
        for t in self.threads + self.late_threads:
            t.join(max(0.1, deadline - time.monotonic()))
        return [t for t in self.threads + self.late_threads if t.is_alive()]
