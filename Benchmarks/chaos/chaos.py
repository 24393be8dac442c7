#!/usr/bin/env python3
"""Faults under load: mixed guests against `yeyak serve` while the Toss sandbox injects faults and
the service is SIGKILLed and restarted; then the invariants are checked from the outside.

Usage: chaos.py --binary .build/release/yeyak [--cycles 20] [--seconds-per-cycle 6] [--seed N]
                [--workers 8] [--keep] | --check-only RUN_DIR | --self-test
Exit status: 0 no violation, 1 violations (listed), 2 the harness itself failed.
"""
import argparse
import collections
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # nothing to clean up in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
import content  # noqa: E402
from load import Load, Recorder  # noqa: E402
from stack import NetworkError, Sandbox, Service, free_port  # noqa: E402

MODES = [  # (mode, weight): timeouts hang a confirm for the client's 30 s, so they stay rare
    ("none", 3), ("http500", 3), ("providerError", 3), ("applyThenDrop", 4), ("applyThenTimeout", 1), ("timeout", 1),
]


REFUND_MODES = [  # a cycle aimed at refunds: faults on Toss's cancel (and its lookup) only
    ("none", 2), ("timeout", 2), ("applyThenTimeout", 3), ("http500", 3), ("applyThenDrop", 2), ("providerError", 1),
]


def fault_plan(rng):
    """One cycle's faults. A third of the cycles aim at refunds: every cancel call slowed by up
    to 3 s (so the kill lands mid-refund) and often hung, applied-then-hung, 5xx or dropped."""
    if rng.random() < 1 / 3:
        mode = rng.choices([m for m, _ in REFUND_MODES], [w for _, w in REFUND_MODES])[0]
        plan = {"latencyMs": rng.randint(300, 3000), "mode": mode,
                "operations": ["cancel"] + (["lookup"] if rng.random() < 0.3 else [])}
        if mode != "none":
            plan["probability"] = round(rng.uniform(0.3, 0.8), 2)
        return plan
    mode = rng.choices([m for m, _ in MODES], [w for _, w in MODES])[0]
    plan = {"latencyMs": rng.choice([0, 0, rng.randint(1, 500)]), "mode": mode}
    if mode in ("timeout", "applyThenTimeout"):
        plan["count"] = rng.randint(1, 3)
        plan["probability"] = 0.2
    elif mode != "none":
        plan["probability"] = round(rng.uniform(0.2, 0.8), 2)
    operations = ["confirm"] + [op for op in ("lookup", "cancel") if rng.random() < 0.5]
    plan["operations"] = operations
    return plan


class Monitor(threading.Thread):
    """Samples the database a few times a second: oversell must never be visible, not just at the end."""

    def __init__(self, db_path, interval=0.5):
        super().__init__(daemon=True)
        self.db_path, self.interval = db_path, interval
        self.stop = threading.Event()
        self.samples = 0
        self.violations = []

    def run(self):
        while not self.stop.wait(self.interval):
            try:
                slots, bookings = checks.read_database(self.db_path)
            except sqlite3.Error:
                continue  # the service is being restarted
            # "now" taken after the read: every commit in the snapshot used an earlier clock, so a hold
            # the service already saw as lapsed is never counted as live here.
            now_ms = int(time.time() * 1000)
            self.samples += 1
            for v in checks.capacity_violations(slots, bookings, now_ms, f"sample at {time.strftime('%H:%M:%S')}"):
                if len(self.violations) < 50:
                    self.violations.append(v)


def snapshot_sandbox(sandbox, order_ids):
    status, answer = sandbox.admin("GET", "/__sandbox/payments")
    payments = []
    for p in answer["payments"]:
        payment = {k: p.get(k) for k in ("orderId", "paymentKey", "status", "totalAmount", "balanceAmount", "sessionId")}
        payment["cancels"] = [{k: c.get(k) for k in ("cancelAmount", "transactionKey", "canceledAt")}
                              for c in (p.get("cancels") or [])]
        payments.append(payment)
    logs = {}
    for order_id in sorted(order_ids | {p["orderId"] for p in payments}):
        status, log = sandbox.admin("GET", f"/__sandbox/log?orderId={order_id}")
        if log["confirmCalls"]:
            logs[order_id] = {k: log[k] for k in ("confirmCalls", "executedConfirms", "appliedConfirms", "confirms")}
    return payments, logs


def bookable_slots(db_path):
    """The slots the service synced from the generated content, split into hot and cold."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        rows = db.execute("SELECT slot_id, restaurant, max_party_size FROM slots WHERE retired = 0 AND starts_at > ?",
                          (int(time.time() * 1000) + 3600_000,)).fetchall()
    finally:
        db.close()
    return {"hot": [(s, m) for s, r, m in rows if r in content.HOT],
            "cold": [(s, m) for s, r, m in rows if r not in content.HOT],
            "maxParty": {s: m for s, _, m in rows}}


def unsettled(db_path, payment_orders):
    """CONFIRMING/NEEDS_ATTENTION bookings the reconciler can still settle now (Toss knows the order;
    an order Toss never saw is only given up after 45 minutes, by design)."""
    _, bookings = checks.read_database(db_path)
    return [b for b in bookings if b["state"] in ("CONFIRMING", "NEEDS_ATTENTION") and b["order_id"] in payment_orders]


def cancelling(db_path):
    """CANCELLING bookings: refunds recorded whose outcome the service has not settled yet."""
    _, bookings = checks.read_database(db_path)
    return [b for b in bookings if b["state"] == "CANCELLING"]


def settle_refunds(service, db_path, stale_seconds, bound_seconds):
    """One reconciler pass after the refund staleness: a CANCELLING row that Toss shows nothing for
    is asked again only once it is older than `stale_seconds` (60 s), and the reconciler's backoff
    may put that off by minutes. So: wait (bounded) until every CANCELLING row is past the
    staleness, then restart the service, whose start-up pass settles every unsettled booking
    ignoring backoff, and wait (bounded) for that pass. Returns a note for the report."""
    began = time.monotonic()
    left = cancelling(db_path)
    note = {"cancellingAfterFinalRestart": len(left)}
    if not left:
        note["pass"] = "not needed"
        return note
    deadline = began + bound_seconds
    youngest = max(b["updated_at"] for b in left) / 1000
    wait = max(0.0, youngest + stale_seconds + 1 - time.time())
    while left and time.monotonic() < min(deadline, began + wait):
        time.sleep(1)
        left = cancelling(db_path)
    note["cancellingPastStaleness"] = len(left)
    if left:
        service.stop()
        service.start()
        note["pass"] = "triggered by a restart"
        while left and time.monotonic() < deadline:
            time.sleep(1)
            left = cancelling(db_path)
    else:
        note["pass"] = "the running reconciler settled them"
    note["cancellingAfterPass"] = len(left)
    note["seconds"] = round(time.monotonic() - began, 1)
    return note


def run(args):
    rng = random.Random(args.seed)
    root = os.path.abspath(__file__ + "/../../..")
    run_dir = tempfile.mkdtemp(prefix="yeyak-chaos.", dir="/tmp")
    service_port, sandbox_port = free_port(), free_port()
    service_url = f"http://127.0.0.1:{service_port}"
    content.write(os.path.join(run_dir, "content"), service_url, rng)
    db_path = os.path.join(run_dir, "yeyak.sqlite")
    print(f"run directory: {run_dir}")

    started = time.monotonic()
    sandbox = Sandbox(args.binary, sandbox_port, service_url + "/webhooks/toss", os.path.join(run_dir, "sandbox.log"),
                      args.hang_seconds)
    service = Service(args.binary, service_port, os.path.join(run_dir, "content"), db_path,
                      os.path.join(root, "site-templates"), sandbox.base, os.path.join(run_dir, "service.log"),
                      args.hold_minutes)
    recorder = Recorder()
    monitor = Monitor(db_path)
    plans = []
    kills = 0
    kills_mid_refund = []  # guest cancel requests in flight at each SIGKILL
    try:
        service.start()
        slots = bookable_slots(db_path)
        print(f"seed {args.seed}; {args.cycles} cycles x {args.seconds_per_cycle} s; {args.workers} guests; "
              f"{len(slots['hot'])} hot slots of 6-10 seats, {len(slots['cold'])} cold slots of 8; "
              f"holds last {args.hold_minutes} min", flush=True)
        monitor.start()
        run_seconds = args.cycles * args.seconds_per_cycle
        late_wait = args.hold_minutes * 60 + 2
        load = Load(service_url, sandbox.base, slots, recorder, args.seed, args.workers,
                    late_wait=late_wait, late_until=time.monotonic() + max(0, run_seconds - late_wait - 10))
        load.start()
        for cycle in range(1, args.cycles + 1):
            plan = fault_plan(rng)
            sandbox.set_faults(plan)
            plans.append(plan)
            cycle_end = time.monotonic() + args.seconds_per_cycle
            time.sleep(rng.uniform(0.2, 0.9) * args.seconds_per_cycle)
            in_flight = recorder.cancels_in_flight
            service.kill()
            kills += 1
            kills_mid_refund.append(in_flight)
            time.sleep(rng.choice([0, 0.05, 0.3]))
            service.start()
            print(f"cycle {cycle:2d}: faults {json.dumps(plan)}; killed, listening again after "
                  f"{service.start_seconds[-1]} s (holds so far {len(recorder.holds)}; guest cancels in flight at the "
                  f"kill: {in_flight})", flush=True)
            time.sleep(max(0, cycle_end - time.monotonic()))
        print("load: stopping guests (late payers and hung confirms finish first)", flush=True)
        stuck = load.finish(timeout=late_wait + 200)
        if stuck:
            raise RuntimeError(f"{len(stuck)} guest threads did not finish")
        sandbox.set_faults({"mode": "none"})
        service.stop()
        service.start()
        print("settling: faults cleared, service restarted; waiting for the reconciler", flush=True)
        payment_orders = {p["orderId"] for p in sandbox.admin("GET", "/__sandbox/payments")[1]["payments"]}
        deadline = time.monotonic() + args.settle_seconds
        left = unsettled(db_path, payment_orders)
        while left and time.monotonic() < deadline:
            time.sleep(1)
            left = unsettled(db_path, payment_orders)
        settle_note = "settled" if not left else f"{len(left)} still unsettled after {args.settle_seconds} s"
        print(f"settling refunds: {len(cancelling(db_path))} CANCELLING; one reconciler pass past the "
              f"{args.stale_cancel_seconds} s staleness", flush=True)
        refund_note = settle_refunds(service, db_path, args.stale_cancel_seconds, args.refund_settle_seconds)
        print(f"settling refunds: {json.dumps(refund_note)}", flush=True)
        monitor.stop.set()
        monitor.join()
        service.stop()
        # Copy the database (a clean stop checkpointed it) and everything the checks read.
        slots_db, bookings = checks.read_database(db_path)
        now_ms = int(time.time() * 1000)
        payments, logs = snapshot_sandbox(sandbox, set(recorder.holds))
    finally:
        try:
            service.stop()
        finally:
            sandbox.stop()
    elapsed = time.monotonic() - started
    snapshot = {
        "slots": slots_db, "bookings": bookings, "now_ms": now_ms, "payments": payments, "logs": logs,
        "holds": recorder.holds, "tampers": recorder.tampers, "samples": monitor.violations,
        "refunds": dict(recorder.refunds),
        "meta": {"seed": args.seed, "cycles": args.cycles, "secondsPerCycle": args.seconds_per_cycle,
                 "workers": args.workers, "kills": kills, "restarts": service.starts, "plans": plans,
                 "startSeconds": service.start_seconds,
                 "elapsedSeconds": round(elapsed, 1), "monitorSamples": monitor.samples, "settle": settle_note,
                 "refundSettle": refund_note, "killsMidRefund": kills_mid_refund,
                 "answers": {f"{op} {status}": n for (op, status), n in sorted(recorder.answers.items(), key=str)},
                 "scenarios": dict(recorder.scenarios), "loadErrors": load.errors},
        "timeline": {k: v for k, v in recorder.timeline.items()},
    }
    with open(os.path.join(run_dir, "snapshot.json"), "w") as f:
        json.dump(snapshot, f, ensure_ascii=False)
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    target = sqlite3.connect(os.path.join(run_dir, "final.sqlite"))
    source.backup(target)
    target.close()
    source.close()
    return run_dir, snapshot


def report(snapshot, run_dir):
    meta = snapshot["meta"]
    violations = checks.check(snapshot)
    states, payments, faulted = checks.counts(snapshot)
    answers = meta["answers"]
    holds201 = len(snapshot["holds"])
    tampers = [t for t in snapshot["tampers"] if not t.get("inconclusive")]
    print()
    print("== faults under load: report ==")
    print(f"time: {meta['elapsedSeconds']} s; kills (SIGKILL): {meta['kills']}; service starts: {meta['restarts']}; "
          f"reconciler: {meta['settle']}")
    starts = sorted(meta["startSeconds"])
    print(f"service start to listening: median {starts[len(starts) // 2]} s, slowest {starts[-1]} s "
          f"(the start-up reconciler pass runs in the background, after the port opens)")
    print(f"fault plans: {len(meta['plans'])} ({', '.join(sorted({p['mode'] for p in meta['plans']}))}); "
          f"confirm calls hit by a fault: {faulted}; monitor samples: {meta['monitorSamples']}")
    print(f"scenarios: {json.dumps(meta['scenarios'], sort_keys=True)}")
    print(f"holds: 201 x {holds201} (distinct orders), sold out 409 x {answers.get('hold 409', 0)}, "
          f"network errors {answers.get('hold network', 0)}")
    print(f"bookings: {json.dumps(dict(sorted(states.items())))}")
    print(f"sandbox payments: {json.dumps(dict(sorted(payments.items())))}")
    print(f"paid {states.get('PAID', 0)}, failed {states.get('FAILED', 0)}, refunded {states.get('CANCELLED', 0)}, "
          f"expired {states.get('EXPIRED', 0) + states.get('READY', 0)}")
    print(f"tampered redirects checked: {len(tampers)} (inconclusive around a kill: {len(snapshot['tampers']) - len(tampers)})")
    by_order = {b["order_id"]: b for b in snapshot["bookings"]}
    late = collections.Counter(
        f"{by_order[o]['state']}{'/' + by_order[o]['failure_code'] if by_order[o]['failure_code'] else ''}"
        for o, events in snapshot.get("timeline", {}).items()
        if o in by_order and any("late_success_redirect" in what for _, what in events))
    print(f"late payments (paid after the hold lapsed): {json.dumps(dict(late))}")
    refunds = checks.refund_figures(snapshot)
    mid = meta.get("killsMidRefund", [])
    print(f"refunds: {refunds['attempted']} guest cancels of charged bookings, {refunds['settled']} settled CANCELLED "
          f"({refunds['answered202']} of them answered 202 first), {refunds['stillPaid']} still PAID ({refunds['refused']} "
          f"refused by Toss, the rest not cancellable yet: being confirmed), {refunds['cancelling']} left CANCELLING; guest answers "
          f"{json.dumps(refunds['answers'], sort_keys=True)}; kills with a guest cancel in flight: "
          f"{sum(1 for n in mid if n)} of {len(mid)} ({sum(mid)} cancels cut)")
    print(f"refund settling after the final restart: {json.dumps(meta.get('refundSettle'))}")
    again = checks.confirms_after_applied(snapshot)
    print(f"confirms asked again under a new key after one was applied (Toss confirms a paymentKey once: no violation): "
          f"{len(again)}{' e.g. ' + ', '.join(again[:3]) if again else ''}")
    interesting = {k: v for k, v in answers.items() if not k.startswith("sandbox_")}
    print(f"answers: {json.dumps(interesting, ensure_ascii=False)}")
    if meta.get("loadErrors"):
        print(f"load errors (harness): {meta['loadErrors'][:5]}")
    if violations:
        print(f"\nVIOLATIONS: {len(violations)}")
        for kind, key, detail in violations:
            print(f"  {kind}: {key}: {detail}")
            for t, what in snapshot.get("timeline", {}).get(key, [])[:20]:
                print(f"      +{t:8.3f}s {what}")
        print(f"evidence kept in {run_dir} (final.sqlite, snapshot.json, service.log, sandbox.log)")
    else:
        print("\nno invariant violation")
    return violations


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/yeyak")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seconds-per-cycle", type=float, default=6)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--hold-minutes", type=int, default=1)
    parser.add_argument("--settle-seconds", type=float, default=60)
    parser.add_argument("--stale-cancel-seconds", type=float, default=60,
                        help="the service's staleness before a CANCELLING refund is asked again (docs/service.md)")
    parser.add_argument("--refund-settle-seconds", type=float, default=150,
                        help="bound on waiting for the refunds' reconciler pass after the final restart")
    parser.add_argument("--hang-seconds", type=int, default=12,
                        help="how long the sandbox's timeout faults keep a call unanswered")
    parser.add_argument("--keep", action="store_true", help="keep the run directory even without violations")
    parser.add_argument("--check-only", metavar="RUN_DIR", help="check a saved run again (snapshot.json)")
    parser.add_argument("--self-test", action="store_true", help="prove the checker fails on corrupted copies")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 10**6)
    if args.check_only:
        with open(os.path.join(args.check_only, "snapshot.json")) as f:
            sys.exit(1 if report(json.load(f), args.check_only) else 0)
    args.binary = os.path.abspath(args.binary)
    if args.self_test:
        import selftest
        args.cycles, args.seconds_per_cycle = min(args.cycles, 3), min(args.seconds_per_cycle, 4)
        run_dir, snapshot = run(args)
        status = selftest.run(snapshot, run_dir)
        if status == 0 and not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)
        sys.exit(status)
    try:
        run_dir, snapshot = run(args)
    except (RuntimeError, NetworkError) as error:
        print(f"harness failure: {error}", file=sys.stderr)
        sys.exit(2)
    violations = report(snapshot, run_dir)
    if not violations and not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
