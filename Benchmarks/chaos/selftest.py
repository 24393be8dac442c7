"""Proof that the checker can fail: each corruption of a finished run (its database copy or its
recorded Toss state) must be reported with the expected kind of violation.
"""
import copy
import os
import shutil
import sqlite3

import checks

FAR_FUTURE_MS = 4102444800000  # 2100-01-01: a hold that is live whenever the check runs


def corrupted_database(run_dir, name, sql, parameters=()):
    """A copy of final.sqlite with one change, re-read as the checker reads it."""
    path = os.path.join(run_dir, f"selftest-{name}.sqlite")
    shutil.copy(os.path.join(run_dir, "final.sqlite"), path)
    db = sqlite3.connect(path)
    for statement in ([sql] if isinstance(sql, str) else sql):
        db.execute(statement, parameters)
    db.commit()
    db.close()
    return checks.read_database(path)


def cases(snapshot, run_dir):
    """(name, expected kind, corrupted snapshot or None when the run has nothing to corrupt)."""
    bookings = snapshot["bookings"]
    approved = {p["orderId"] for p in snapshot["payments"] if p["status"] in checks.MONEY_MOVED}
    failed = next((b for b in bookings if b["state"] == "FAILED" and b["order_id"] not in approved), None)
    paid = next((b for b in bookings if b["state"] == "PAID"), None)
    held = next((o for o in sorted(snapshot["holds"]) if o not in approved), None)

    def with_db(name, sql, parameters=()):
        changed = copy.deepcopy(snapshot)
        changed["slots"], changed["bookings"] = corrupted_database(run_dir, name, sql, parameters)
        return changed

    out = []
    out.append(("a FAILED booking marked PAID", "paid-without-payment",
                failed and with_db("failed-to-paid",
                                   "UPDATE bookings SET state = 'PAID', payment_key = 'tforged' WHERE order_id = ?",
                                   (failed["order_id"],))))
    slot_id, capacity = next(iter(sorted((s, v["capacity"]) for s, v in snapshot["slots"].items())))
    extra = [f"""INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment, party_size,
                 amount, state, created_at, expires_at, updated_at)
                 SELECT 'selftest{i:016d}', slot_id, 'selftest', 'x', '01012345678', '', 1, deposit_per_person,
                 'READY', 0, {FAR_FUTURE_MS}, 0 FROM slots WHERE slot_id = '{slot_id}'""" for i in range(capacity + 1)]
    out.append((f"{capacity + 1} live holds added to {slot_id} (capacity {capacity})", "oversold",
                with_db("oversell", extra)))
    out.append(("a 201 hold deleted from the database", "acknowledged-hold-lost",
                held and with_db("hold-lost", "DELETE FROM bookings WHERE order_id = ?", (held,))))
    if paid:
        changed = copy.deepcopy(snapshot)
        for p in changed["payments"]:
            if p["orderId"] == paid["order_id"]:
                p["totalAmount"] += 1000
                p["balanceAmount"] += 1000
        out.append(("Toss charged 1,000 more than a PAID booking", "amount-differs", changed))
        out.append(("a PAID booking set back to FAILED while Toss keeps the money", "charged-without-paid",
                    with_db("paid-to-failed", "UPDATE bookings SET state = 'FAILED' WHERE order_id = ?",
                            (paid["order_id"],))))
        changed = copy.deepcopy(snapshot)
        log = changed["logs"].setdefault(paid["order_id"], {"confirmCalls": 1, "executedConfirms": 1,
                                                            "appliedConfirms": 1, "confirms": []})
        log["appliedConfirms"] += 1
        out.append(("a second applied confirm in the sandbox log", "confirmed-twice", changed))
    else:
        out += [("Toss charged more than a PAID booking", "amount-differs", None),
                ("a PAID booking set back to FAILED", "charged-without-paid", None),
                ("a second applied confirm", "confirmed-twice", None)]
    out += refund_cases(snapshot, run_dir, with_db, paid)
    changed = copy.deepcopy(snapshot)
    changed["tampers"].append({"orderId": "selftestTamper", "status": 200, "stateBefore": "READY",
                               "stateAfter": "PAID", "confirmCallsBefore": 0, "confirmCallsAfter": 1})
    out.append(("a tampered amount that was confirmed", "tamper-not-refused", changed))
    return out


def refund_cases(snapshot, run_dir, with_db, paid):
    """The refund checks (issue 16): each planted on a refunded booking of the run."""
    payments = {p["orderId"]: p for p in snapshot["payments"] if p["status"] in checks.REFUNDED}
    # the refunded booking whose slot has the most free seats now, so the planted holds below matter
    used_now, _ = checks.seats_in_use(snapshot["bookings"], snapshot["now_ms"])
    refunded = max((b for b in snapshot["bookings"] if b["state"] == "CANCELLED" and b["order_id"] in payments),
                   key=lambda b: (snapshot["slots"][b["slot_id"]]["capacity"] - used_now.get(b["slot_id"], 0), b["order_id"]),
                   default=None)
    names = [("a refunded booking set back to PAID while Toss shows the refund", "refund-left-paid"),
             ("a refunded booking left CANCELLING", "refund-left-cancelling"),
             ("refund_amount 100 more than Toss refunded", "refund-differs"),
             ("a second cancel in Toss's cancels[] for one payment", "refunded-twice"),
             ("a PAID booking left CANCELLING with nothing refunded", "cancelling-unsettled"),
             ("seats of a CANCELLING booking sold again by new holds", "oversold"),
             ("a 202 refund whose booking ended PAID", "acknowledged-refund-lost"),
             ("a 409 REFUND_REFUSED for a payment Toss refunded", "refused-but-refunded")]
    if refunded is None or paid is None:
        return [(name, kind, None) for name, kind in names]
    order = refunded["order_id"]
    out = []
    out.append(names[0] + (with_db("refund-to-paid", "UPDATE bookings SET state = 'PAID' WHERE order_id = ?", (order,)),))
    out.append(names[1] + (with_db("refund-cancelling", "UPDATE bookings SET state = 'CANCELLING' WHERE order_id = ?",
                                   (order,)),))
    out.append(names[2] + (with_db("refund-amount", "UPDATE bookings SET refund_amount = refund_amount + 100 "
                                                    "WHERE order_id = ?", (order,)),))
    changed = copy.deepcopy(snapshot)
    for p in changed["payments"]:
        if p["orderId"] == order and p["status"] in checks.REFUNDED:
            p["cancels"] = (p.get("cancels") or [{"cancelAmount": p["totalAmount"] - p["balanceAmount"]}]) * 2
    out.append(names[3] + (changed,))
    out.append(names[4] + (with_db("paid-cancelling", "UPDATE bookings SET state = 'CANCELLING', refund_amount = amount "
                                                      "WHERE order_id = ?", (paid["order_id"],)),))
    # The refunded booking back in CANCELLING (Toss has not shown its refund yet), and exactly enough
    # new live holds of one seat in its slot to fill the slot if CANCELLING freed its seats: only a
    # checker that counts CANCELLING as occupying sees the oversell.
    slot = refunded["slot_id"]
    others = [b for b in snapshot["bookings"] if b["order_id"] != order]
    used, _ = checks.seats_in_use([b for b in others if b["state"] != "CANCELLING"], snapshot["now_ms"])
    free = snapshot["slots"][slot]["capacity"] - used.get(slot, 0)
    sql = ["UPDATE bookings SET state = 'CANCELLING' WHERE order_id = '%s'" % order]
    sql += [f"""INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment, party_size,
                amount, state, created_at, expires_at, updated_at)
                SELECT 'selftestresold{i:08d}', slot_id, 'selftest', 'x', '01012345678', '', 1, deposit_per_person,
                'READY', 0, {FAR_FUTURE_MS}, 0 FROM slots WHERE slot_id = '{slot}'""" for i in range(max(0, free))]
    out.append((names[5][0] + f" ({slot}: {max(0, free)} holds fill it)", names[5][1],
                with_db("cancelling-resold", sql)))
    changed = copy.deepcopy(snapshot)
    changed.setdefault("refunds", {})[paid["order_id"]] = [{"status": 202, "code": None, "state": "CANCELLING"}]
    out.append(names[6] + (changed,))
    changed = copy.deepcopy(snapshot)
    changed.setdefault("refunds", {})[order] = [{"status": 409, "code": "REFUND_REFUSED", "state": None}]
    out.append(names[7] + (changed,))
    return out


def run(snapshot, run_dir):
    baseline = checks.check(snapshot)
    print(f"\n== self-test: the checker on corrupted copies of {run_dir} ==")
    print(f"the uncorrupted run: {len(baseline)} violation(s)")
    for kind, key, detail in baseline[:20]:
        print(f"  baseline {kind}: {key}: {detail[:160]}")
    failures = 0
    for name, expected, changed in cases(snapshot, run_dir):
        if changed is None:
            print(f"  SKIPPED  {name}: the short run produced nothing to corrupt")
            continue
        found = [v for v in checks.check(changed) if v not in baseline]
        hit = [v for v in found if v[0] == expected]
        failures += 0 if hit else 1
        print(f"  {'DETECTED' if hit else 'MISSED  '} {name}: expected '{expected}'"
              + (f" -> {hit[0][1]}: {hit[0][2][:110]}" if hit else f"; new violations: {found[:3]}"))
    print("self-test " + ("passed: every corruption was reported" if not failures else f"FAILED: {failures} missed"))
    return 1 if failures else 0
