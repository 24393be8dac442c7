import Foundation

/// The payment moves of a booking, each a compare-and-set on its state inside the writer's
/// transaction, answering what happened so that a duplicate caller cannot act twice.
enum PaymentTransitions {
    /// `recheckLapsed` false only for the test-only unguarded store (the old behaviour: a READY
    /// hold is confirmed without a look at its seats whatever happened in its slot).
    static func beginConfirm(
        _ db: any StoreConnection, orderId: String, paymentKey: String, amount: Int, now: Date, recheckLapsed: Bool = true
    ) throws -> ConfirmStart {
        guard let stored = try BookingRecords.booking(db, orderId: orderId, now: now) else { return .notFound }
        let booking = stored.booking
        // Invariant 5: a tampered amount is refused before anything else happens.
        guard amount == booking.amount else { return .amountMismatch(expected: booking.amount) }
        // A payment approved in the window after the slot began is not confirmed: the guest could
        // neither come nor cancel (the late path below fails it, SLOT_STARTED, nothing charged).
        // The booking carries its slot's start (joined from the slot), so this costs no query.
        let slotStarted = booking.state == .ready && booking.startsAt <= now
        switch booking.state {
        case .paid:
            return booking.paymentKey == paymentKey ? .alreadyPaid(booking) : .notConfirmable(booking)
        case .confirming, .needsAttention:
            return .inProgress(booking)
        case .failed, .cancelled, .cancelling:
            return .notConfirmable(booking)
        case .ready where !slotStarted && !recheckLapsed:
            return try start(db, stored, paymentKey: paymentKey, now: now)
        case .ready where try !slotStarted && !BookingRecords.lapsedByLaterWrites(db, booking):
            return try start(db, stored, paymentKey: paymentKey, now: now)
        case .ready, .expired:
            // Invariant 6: a late payment is confirmed only if its seats can still be taken.
            // Also a READY hold whose expiry has passed by the clock of a later write in its
            // slot, and one stored EXPIRED because its seats were sold (see `expireLapsedHolds`).
            guard let slot = try BookingRecords.slot(db, slotId: booking.slotId, now: now) else {
                return .notConfirmable(booking)
            }
            let stillSellable = !slot.retired && slot.startsAt > now
            if recheckLapsed, stillSellable {
                // Re-taking seats sells what other lapsed holds kept: they expire here too.
                try BookingRecords.expireLapsedHolds(db, slotId: booking.slotId, now: now, excluding: orderId)
            }
            // Counted without this hold (a READY one still counts its own seats at `now`).
            let others = try BookingRecords.seatsTaken(db, slotId: booking.slotId, now: now, excluding: orderId)
            if stillSellable && booking.partySize <= slot.capacity - others {
                return try start(db, stored, paymentKey: paymentKey, now: now)
            }
            let started = slot.startsAt <= now
            let columns: [(String, SQLValue)] = [
                ("payment_key", .text(paymentKey)),
                ("failure_code", .text(started ? Booking.slotStartedCode : Booking.seatsGoneCode)),
                ("failure_message", .text(started ? Booking.slotStartedMessage : Booking.seatsGoneMessage)),
            ]
            guard try BookingRecords.update(
                db, orderId: orderId, expected: stored.storedState, target: .failed, now: now, columns: columns),
                let failed = try BookingRecords.booking(db, orderId: orderId, now: now)
            else { return .notConfirmable(booking) }
            return .seatsGone(failed.booking)
        }
    }

    private static func start(
        _ db: any StoreConnection, _ stored: BookingRecords.Stored, paymentKey: String, now: Date
    ) throws -> ConfirmStart {
        let orderId = stored.booking.orderId
        guard try BookingRecords.update(
            db, orderId: orderId, expected: stored.storedState, target: .confirming, now: now,
            columns: [("payment_key", .text(paymentKey))]),
            let started = try BookingRecords.booking(db, orderId: orderId, now: now)
        else { return .notConfirmable(stored.booking) }
        // The confirm's Idempotency-Key is stored with the move to CONFIRMING: one durable
        // commit instead of two before Toss is called. The caller gets it with the booking, so
        // the key Toss is sent is the key that was stored, with no second read.
        let key = try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: .confirm, now: now)
        return .started(started.booking, idempotencyKey: key)
    }

    /// A move to `target` allowed only from `sources` (and when `guard` holds); `isRepeat`
    /// recognises a duplicate call. A move that happens writes the event `notify` names for the
    /// booking as it was in the same
    /// transaction (invariant 12); a repeat or a refusal writes none.
    static func move(
        _ db: any StoreConnection, orderId: String, to target: BookingState, from sources: Set<BookingState>,
        now: Date, columns: [(String, SQLValue)] = [], notify: (_ before: Booking) -> NotificationKind? = { _ in nil },
        isRepeat: (Booking) -> Bool = { _ in true },
        guard condition: (Booking) -> Bool = { _ in true }
    ) throws -> TransitionOutcome {
        guard let stored = try BookingRecords.booking(db, orderId: orderId, now: now) else { return .notFound }
        let booking = stored.booking
        if booking.state == target && isRepeat(booking) { return .unchanged(booking) }
        guard sources.contains(booking.state), booking.state.canMove(to: target), condition(booking) else {
            return .notAllowed(booking)
        }
        guard try BookingRecords.update(
            db, orderId: orderId, expected: stored.storedState, target: target, now: now, columns: columns),
            let moved = try BookingRecords.booking(db, orderId: orderId, now: now)
        else { return .notAllowed(booking) }
        if let kind = notify(booking) { try Outbox.record(db, kind, moved.booking, now: now) }
        return .moved(moved.booking)
    }
}
