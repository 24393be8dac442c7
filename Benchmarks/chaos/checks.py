"""The invariants, checked from the outside: the SQLite file the service wrote, the sandbox's
payments and confirm log, and what the guests were told. Pure functions over a snapshot, so a
saved run (or a corrupted copy of one, see selftest.py) can be checked again at any time.
"""
import collections
import sqlite3

# CANCELLING keeps its seats until Toss shows the refund (invariant 11): counted like PAID.
OCCUPYING = ("PAID", "CONFIRMING", "NEEDS_ATTENTION", "CANCELLING")
MONEY_MOVED = ("DONE", "PARTIAL_CANCELED", "CANCELED")
REFUNDED = ("PARTIAL_CANCELED", "CANCELED")


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
    """Seats per slot held by PAID/CONFIRMING/NEEDS_ATTENTION/CANCELLING and READY holds still live at now_ms,
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
            elif b["state"] == "PAID":
                # Toss refunded, the booking still says paid: the refund was lost (issue 16).
                violations.append(("refund-left-paid", order_id, f"{where}; booking PAID after the reconciler pass"))
            elif b["state"] == "CANCELLING":
                violations.append(("refund-left-cancelling", order_id,
                                   f"{where}; booking still CANCELLING after the reconciler pass"))
            else:
                violations.append(("refund-not-recorded", order_id, f"{where}; booking {b['state']}"))
            if len(p.get("cancels") or []) > 1:
                amounts = [c.get("cancelAmount") for c in p["cancels"]]
                violations.append(("refunded-twice", order_id, f"{where}; {len(amounts)} cancels at Toss: {amounts}"))
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

    # ... a refund recorded (CANCELLING) is settled by one reconciler pass once faults are gone,
    # whatever Toss shows: CANCELLED if it refunded, asked again (then CANCELLED) if it did not.
    for b in bookings:
        if b["state"] == "CANCELLING" and not any(p["status"] in REFUNDED for p in payments_by_order.get(b["order_id"], [])):
            shown = ", ".join(f"{p['status']} balance {p['balanceAmount']}" for p in payments_by_order.get(b["order_id"], []))
            violations.append(("cancelling-unsettled", b["order_id"],
                               f"booking CANCELLING (refund {b['refund_amount']}) after the reconciler pass; Toss: {shown or 'nothing'}"))

    # ... and what the guest was told about a refund holds: a 200 CANCELLED or a 202 (CANCELLING,
    # "it completes by itself") ends CANCELLED with Toss showing the refund; a 409 REFUND_REFUSED
    # (the guest's last word) leaves the booking PAID with nothing refunded.
    for order_id, answers in sorted(snapshot.get("refunds", {}).items()):
        b = by_order.get(order_id)
        refunded_at_toss = any(p["status"] in REFUNDED for p in payments_by_order.get(order_id, []))
        acknowledged = [a for a in answers if a.get("status") == 202
                        or (a.get("status") == 200 and a.get("state") == "CANCELLED")]
        told = [a for a in answers if a.get("status") != "network"]
        if acknowledged and (b is None or b["state"] != "CANCELLED" or not refunded_at_toss):
            violations.append(("acknowledged-refund-lost", order_id,
                               f"guest told {acknowledged[0]['status']} {acknowledged[0].get('state')}; booking "
                               f"{b['state'] if b else 'missing'}, Toss {'refunded' if refunded_at_toss else 'not refunded'}"))
        if told and told[-1].get("status") == 409 and told[-1].get("code") == "REFUND_REFUSED" and refunded_at_toss:
            violations.append(("refused-but-refunded", order_id,
                               f"guest last told 409 REFUND_REFUSED; Toss shows the refund; booking {b['state'] if b else 'missing'}"))

    # 3. No order confirmed twice: one application, one execution, one Idempotency-Key.
    for order_id, log in sorted(snapshot["logs"].items()):
        if log["appliedConfirms"] > 1:
            violations.append(("confirmed-twice", order_id, f"appliedConfirms {log['appliedConfirms']}"))
        if log["executedConfirms"] > 1:
            violations.append(("confirm-executed-twice", order_id, f"executedConfirms {log['executedConfirms']}"))
        # Several Idempotency-Keys per order are expected since issue 16: after a 5xx,
        # PROVIDER_ERROR or timeout whose lookup shows IN_PROGRESS, the confirm is asked again under a
        # new key (docs/service.md, confirm step 7). What must hold is the above: applied once.

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


def refund_figures(snapshot):
    """Refunds the guests asked for (of bookings they saw PAID) and how they ended."""
    by_order = {b["order_id"]: b for b in snapshot["bookings"]}
    charged = {p["orderId"] for p in snapshot["payments"] if p["status"] in MONEY_MOVED}
    # a cancel sent while the service was down may have been for a hold whose payment never took
    refunds = {o: a for o, a in snapshot.get("refunds", {}).items() if o in charged}
    ended = collections.Counter(by_order[o]["state"] if o in by_order else "missing" for o in refunds)
    answers = collections.Counter()
    for records in refunds.values():
        for a in records:
            answers[f"{a.get('status')}{' ' + a['code'] if a.get('code') else ''}"] += 1
    refused = sum(1 for records in refunds.values()
                  if [a for a in records if a.get("status") != "network"][-1:] == [a for a in records if a.get("code") == "REFUND_REFUSED"][-1:]
                  and any(a.get("code") == "REFUND_REFUSED" for a in records))
    return {"attempted": len(refunds), "settled": ended.get("CANCELLED", 0), "stillPaid": ended.get("PAID", 0),
            "refused": refused, "cancelling": ended.get("CANCELLING", 0), "ended": dict(ended),
            "answered202": sum(1 for records in refunds.values() if any(a.get("status") == 202 for a in records)),
            "answers": dict(answers)}


def confirms_after_applied(snapshot):
    """Orders confirmed again under a new key after an earlier key's confirm was applied (not a
    violation: Toss confirms a paymentKey once, so the repeat can only be refused; it happens when
    a restart's lookup ran before a confirm still in flight from the killed process was applied)."""
    found = []
    for order_id, log in sorted(snapshot["logs"].items()):
        confirms = log.get("confirms", [])
        applied = next((i for i, c in enumerate(confirms) if c.get("applied")), None)
        if applied is not None and any(c.get("idempotencyKey") != confirms[applied].get("idempotencyKey")
                                       for c in confirms[applied + 1:]):
            found.append(order_id)
    return found


def counts(snapshot):
    states = collections.Counter(b["state"] for b in snapshot["bookings"])
    payments = collections.Counter(p["status"] for p in snapshot["payments"])
    faulted = sum(1 for log in snapshot["logs"].values() for c in log.get("confirms", []) if c.get("fault"))
    return states, payments, faulted
