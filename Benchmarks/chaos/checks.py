"""The invariants, checked from the outside: the SQLite file the service wrote, the sandbox's
payments and confirm log, and what the guests were told. Pure functions over a snapshot, so a
saved run (or a corrupted copy of one, see selftest.py) can be checked again at any time.
"""
import collections
import sqlite3

OCCUPYING = ("PAID", "CONFIRMING", "NEEDS_ATTENTION")
MONEY_MOVED = ("DONE", "PARTIAL_CANCELED", "CANCELED")


def read_database(path):
    """The rows the checks need, from a database file (opened read-only, never checkpointed)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        slots = {row[0]: {"capacity": row[1], "deposit": row[2]}
                 for row in db.execute("SELECT slot_id, capacity, deposit_per_person FROM slots")}
        columns = ["order_id", "slot_id", "customer_key", "party_size", "amount", "state", "created_at",
                   "expires_at", "updated_at", "payment_key", "refund_amount", "failure_code", "attention_reason"]
        bookings = [dict(zip(columns, row)) for row in db.execute(f"SELECT {', '.join(columns)} FROM bookings")]
        return slots, bookings
    finally:
        db.close()


def seats_in_use(bookings, now_ms):
    """Seats per slot held by PAID/CONFIRMING/NEEDS_ATTENTION and READY holds still live at now_ms,
    exactly as the service counts them (BookingRecords.occupiesSeats)."""
    used = collections.Counter()
    orders = collections.defaultdict(list)
    for b in bookings:
        if b["state"] in OCCUPYING or (b["state"] == "READY" and b["expires_at"] > now_ms):
            used[b["slot_id"]] += b["party_size"]
            orders[b["slot_id"]].append(b["order_id"])
    return used, orders


def capacity_violations(slots, bookings, now_ms, when):
    found = []
    used, orders = seats_in_use(bookings, now_ms)
    for slot_id, seats in sorted(used.items()):
        capacity = slots.get(slot_id, {}).get("capacity", 0)
        if seats > capacity:
            found.append(("oversold", slot_id,
                          f"{when}: {seats} seats held or sold > capacity {capacity} (orders {', '.join(orders[slot_id])})"))
    return found


def check(snapshot):
    """Every violation as (kind, orderId or slotId, detail). `snapshot` keys: slots, bookings,
    now_ms, payments (sandbox), logs (orderId -> sandbox log), holds (orderId -> 201 answer),
    tampers, samples (capacity violations seen while the load ran)."""
    slots, bookings = snapshot["slots"], snapshot["bookings"]
    by_order = {b["order_id"]: b for b in bookings}
    violations = list(map(tuple, snapshot.get("samples", [])))

    # 1. Never oversell, at the end (and in every sample taken during the run, above).
    violations += capacity_violations(slots, bookings, snapshot["now_ms"], "after settling")

    # Prices come from content: amount = party size x deposit of the slot.
    for b in bookings:
        deposit = slots.get(b["slot_id"], {}).get("deposit")
        if deposit is not None and b["amount"] != b["party_size"] * deposit:
            violations.append(("price", b["order_id"], f"amount {b['amount']} != {b['party_size']} x {deposit}"))

    # 2. Money: every approved payment has exactly one booking that accounts for it ...
    payments_by_order = collections.defaultdict(list)
    for p in snapshot["payments"]:
        payments_by_order[p["orderId"]].append(p)
    for order_id, payments in sorted(payments_by_order.items()):
        moved = [p for p in payments if p["status"] in MONEY_MOVED]
        if len(moved) > 1:
            violations.append(("charged-twice", order_id, f"{len(moved)} approved payments for one order"))
        for p in moved:
            b = by_order.get(order_id)
            charged = p["balanceAmount"]
            refunded = p["totalAmount"] - p["balanceAmount"]
            where = f"Toss {p['status']} total {p['totalAmount']} balance {charged} ({p['paymentKey']})"
            if b is None:
                violations.append(("charged-without-booking", order_id, where))
                continue
            if b["amount"] != p["totalAmount"]:
                violations.append(("amount-differs", order_id, f"{where}; booking amount {b['amount']}"))
            if p["status"] == "DONE":
                if b["state"] != "PAID":
                    violations.append(("charged-without-paid", order_id, f"{where}; booking {b['state']}"))
            elif b["state"] == "CANCELLED":
                if b["refund_amount"] != refunded:
                    violations.append(("refund-differs", order_id,
                                       f"{where}; booking refund_amount {b['refund_amount']}"))
            elif b["state"] == "FAILED" and p["status"] == "CANCELED":
                pass  # a late payment for seats that were gone, refunded in full (PaymentSettlement.refundOrphan)
            else:
                violations.append(("refund-not-recorded", order_id, f"{where}; booking {b['state']}"))
            if b["payment_key"] not in (None, p["paymentKey"]) and b["state"] in ("PAID", "CANCELLED"):
                violations.append(("payment-key-differs", order_id, f"{where}; booking has {b['payment_key']}"))

    # ... and every PAID (or refunded) booking has its payment at Toss.
    for b in bookings:
        if b["state"] not in ("PAID", "CANCELLED") or (b["state"] == "CANCELLED" and not b["payment_key"]):
            continue
        payment = next((p for p in payments_by_order.get(b["order_id"], []) if p["paymentKey"] == b["payment_key"]), None)
        if payment is None:
            violations.append(("paid-without-payment", b["order_id"],
                               f"booking {b['state']} with paymentKey {b['payment_key']} unknown to Toss"))
        elif b["state"] == "PAID" and (payment["status"] != "DONE" or payment["balanceAmount"] != b["amount"]):
            violations.append(("paid-without-done", b["order_id"],
                               f"booking PAID {b['amount']}; Toss {payment['status']} balance {payment['balanceAmount']}"))
        elif b["state"] == "CANCELLED" and payment["status"] not in ("CANCELED", "PARTIAL_CANCELED"):
            violations.append(("cancelled-without-refund", b["order_id"], f"booking CANCELLED; Toss {payment['status']}"))

    # 3. No order confirmed twice: one application, one execution, one Idempotency-Key.
    for order_id, log in sorted(snapshot["logs"].items()):
        if log["appliedConfirms"] > 1:
            violations.append(("confirmed-twice", order_id, f"appliedConfirms {log['appliedConfirms']}"))
        if log["executedConfirms"] > 1:
            violations.append(("confirm-executed-twice", order_id, f"executedConfirms {log['executedConfirms']}"))
        keys = {c.get("idempotencyKey") for c in log.get("confirms", [])}
        if len(keys) > 1:
            violations.append(("confirm-keys-differ", order_id, f"{len(keys)} different Idempotency-Keys: {sorted(map(str, keys))}"))

    # 4. Every 201 hold is in the database, for the slot and guest it was given to.
    for order_id, hold in sorted(snapshot["holds"].items()):
        b = by_order.get(order_id)
        if b is None:
            violations.append(("acknowledged-hold-lost", order_id, f"201 for {hold['slotId']} x{hold['partySize']} not in the database"))
        elif b["slot_id"] != hold["slotId"] or b["customer_key"] != hold["customerKey"]:
            violations.append(("hold-differs", order_id, f"201 said {hold['slotId']}/{hold['customerKey']}, "
                                                         f"database has {b['slot_id']}/{b['customer_key']}"))
        if hold.get("answeredSlot") not in (None, hold["slotId"]) or hold.get("answeredKey") not in (None, hold["customerKey"]):
            violations.append(("hold-answer-differs", order_id, f"asked {hold['slotId']}, answered {hold.get('answeredSlot')}"))

    # 5. A tampered amount is refused (403) and changes nothing: no confirm, no state change.
    for t in snapshot["tampers"]:
        if t.get("inconclusive"):
            continue
        if t["status"] != 403:
            violations.append(("tamper-not-refused", t["orderId"], f"tampered amount answered {t['status']}"))
        if t.get("confirmCallsAfter") != t.get("confirmCallsBefore"):
            violations.append(("tamper-called-toss", t["orderId"],
                               f"confirm calls {t.get('confirmCallsBefore')} -> {t.get('confirmCallsAfter')}"))
        if t.get("stateAfter") != t.get("stateBefore"):
            violations.append(("tamper-changed-state", t["orderId"], f"{t.get('stateBefore')} -> {t.get('stateAfter')}"))
    return violations


def counts(snapshot):
    states = collections.Counter(b["state"] for b in snapshot["bookings"])
    payments = collections.Counter(p["status"] for p in snapshot["payments"])
    faulted = sum(1 for log in snapshot["logs"].values() for c in log.get("confirms", []) if c.get("fault"))
    return states, payments, faulted
