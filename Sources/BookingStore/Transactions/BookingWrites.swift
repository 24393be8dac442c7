import Foundation

/// Every write of the `BookingStore` protocol as one function over a connection inside its
/// transaction, so the SQLite and the PostgreSQL store run the same checks in the same order.
/// Each is a compare-and-set (see `PaymentTransitions.move`): a duplicate or a late caller is
/// told what happened instead of acting twice.
enum BookingWrites {
    static func markPaid(
        _ db: any StoreConnection, orderId: String, paymentKey: String, approvedAt: Date, method: String?,
        receiptURL: String?, now: Date
    ) throws -> TransitionOutcome {
        let columns: [(String, SQLValue)] = [
            ("payment_key", .text(paymentKey)), ("paid_at", .date(approvedAt)),
            ("method", .optional(method)), ("receipt_url", .optional(receiptURL)),
        ]
        return try PaymentTransitions.move(
            db, orderId: orderId, to: .paid, from: [.confirming, .needsAttention], now: now,
            columns: columns, notify: { _ in .paid }, isRepeat: { $0.paymentKey == paymentKey })
    }

    static func markFailed(_ db: any StoreConnection, orderId: String, code: String, message: String, now: Date) throws -> TransitionOutcome {
        try PaymentTransitions.move(
            db, orderId: orderId, to: .failed, from: [.confirming, .needsAttention], now: now,
            columns: [("failure_code", .text(code)), ("failure_message", .text(message))],
            // Staff were told it needs attention: they hear how it ended. A refusal while
            // confirming is the guest's own result page, nothing to announce.
            notify: { $0.state == .needsAttention ? .failed : nil })
    }

    static func markNeedsAttention(_ db: any StoreConnection, orderId: String, reason: String, now: Date) throws -> TransitionOutcome {
        try PaymentTransitions.move(
            db, orderId: orderId, to: .needsAttention, from: [.confirming], now: now,
            columns: [("attention_reason", .text(reason))], notify: { _ in .needsAttention })
    }

    static func failHold(_ db: any StoreConnection, orderId: String, code: String, message: String, now: Date) throws -> TransitionOutcome {
        try PaymentTransitions.move(
            db, orderId: orderId, to: .failed, from: [.ready, .expired], now: now,
            columns: [("failure_code", .text(code)), ("failure_message", .text(message))])
    }

    static func releaseHold(_ db: any StoreConnection, orderId: String, now: Date) throws -> TransitionOutcome {
        try PaymentTransitions.move(
            db, orderId: orderId, to: .failed, from: [.ready, .expired], now: now,
            columns: [("failure_code", .text(Booking.releasedCode)), ("failure_message", .text(Booking.releasedMessage))],
            notify: { _ in .released })
    }

    static func markCancelled(_ db: any StoreConnection, orderId: String, refundAmount: Int, at: Date) throws -> TransitionOutcome {
        try PaymentTransitions.move(
            db, orderId: orderId, to: .cancelled, from: [.paid, .needsAttention, .cancelling], now: at,
            columns: [("refund_amount", .int(refundAmount)), ("cancelled_at", .date(at))], notify: { _ in .cancelled })
    }

    static func beginCancel(_ db: any StoreConnection, orderId: String, refundAmount: Int, reason: String, now: Date) throws -> CancelStart {
        guard let stored = try BookingRecords.booking(db, orderId: orderId, now: now) else { return .notFound }
        switch stored.booking.state {
        case .cancelling: return .inProgress(stored.booking)
        case .cancelled: return .alreadyCancelled(stored.booking)
        case .paid: break
        default: return .notCancellable(stored.booking)
        }
        guard try BookingRecords.update(
            db, orderId: orderId, expected: stored.storedState, target: .cancelling, now: now,
            columns: [("refund_amount", .int(refundAmount)), ("refund_reason", .text(reason))]),
            let started = try BookingRecords.booking(db, orderId: orderId, now: now)
        else { return .notCancellable(stored.booking) }
        // Made in this transaction, like the confirm's: no crash leaves CANCELLING without it.
        let key = try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: .cancel, now: now)
        return .started(started.booking, idempotencyKey: key)
    }

    static func abandonCancel(_ db: any StoreConnection, orderId: String, reason: String, now: Date) throws -> TransitionOutcome {
        let outcome = try PaymentTransitions.move(
            db, orderId: orderId, to: .paid, from: [.cancelling], now: now,
            columns: [("refund_amount", .null), ("attention_reason", .text(reason))],
            notify: { _ in .refundRefused }, isRepeat: { _ in false })
        // Toss replays its refusal under the old key for 15 days: the next cancel gets a new one.
        if case .moved = outcome {
            try IdempotencyKeys.drop(db, orderId: orderId, operation: .cancel)
        }
        return outcome
    }

    static func revertConfirm(_ db: any StoreConnection, orderId: String, paymentKey: String, now: Date) throws -> TransitionOutcome {
        let outcome = try PaymentTransitions.move(
            db, orderId: orderId, to: .ready, from: [.confirming], now: now,
            columns: [("payment_key", .null)], isRepeat: { _ in false },
            guard: { $0.paymentKey == paymentKey })
        // The key went with the foreign paymentKey: Toss would replay that refusal to the
        // guest's own confirm under it, so the next attempt gets a fresh one.
        if case .moved = outcome {
            try IdempotencyKeys.drop(db, orderId: orderId, operation: .confirm)
        }
        return outcome
    }

    static func renewIdempotencyKey(_ db: any StoreConnection, orderId: String, operation: PaymentOperation, now: Date) throws -> String {
        try IdempotencyKeys.drop(db, orderId: orderId, operation: operation)
        return try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: operation, now: now)
    }

    /// The write half of `idempotencyKey`: the stores look for a stored key first, outside it.
    static func createIdempotencyKey(_ db: any StoreConnection, orderId: String, operation: PaymentOperation, now: Date) throws -> String {
        guard try db.row("SELECT 1 FROM bookings WHERE order_id = ?1", [.text(orderId)], { _ in true }) != nil
        else { throw BookingStoreError.unknownOrder(orderId) }
        return try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: operation, now: now)
    }
}
