import Foundation

extension SQLiteBookingStore {
    // MARK: - Inventory

    package func syncInventory(_ slots: [SlotInventory], now: Date) async throws -> InventoryReport {
        try await writer.write { try InventorySync.run($0, slots: slots, now: now) }
    }

    package func inventoryConflicts(_ slots: [SlotInventory], now: Date) async throws -> [InventoryConflict.DroppedSlot] {
        try readers.read { try InventorySync.conflicts($0, slots: slots, now: now) }
    }

    // MARK: - Holds

    package func hold(
        _ request: HoldRequest, now: Date, holdDuration: TimeInterval,
        newOrderId: @escaping @Sendable () -> String
    ) async throws -> HoldOutcome {
        var parameters = HoldTransaction.Parameters(
            request: request, now: now, holdDuration: holdDuration,
            maxLiveHoldsPerGuest: options.maxLiveHoldsPerGuest, limits: options.holdLimits, newOrderId: newOrderId,
            newCode: options.newBookingCode)
        if options.unsafeSkipTransactionGuard {
            // The naive race, on purpose: check on a snapshot, then write without re-checking.
            let left = try readers.read { try BookingRecords.slot($0, slotId: request.slotId, now: now)?.seatsLeft }
            if let left, request.partySize > left { return .soldOut(seatsLeft: left) }
            await Task.yield()
            parameters.checkSeats = false
        }
        let finalParameters = parameters
        return try await writer.write { try HoldTransaction.run($0, finalParameters) }
    }

    // MARK: - Payment

    package func beginConfirm(orderId: String, paymentKey: String, amount: Int, now: Date) async throws -> ConfirmStart {
        let recheckLapsed = !options.unsafeSkipTransactionGuard
        return try await writer.write {
            try PaymentTransitions.beginConfirm(
                $0, orderId: orderId, paymentKey: paymentKey, amount: amount, now: now, recheckLapsed: recheckLapsed)
        }
    }

    package func markPaid(
        orderId: String, paymentKey: String, approvedAt: Date, method: String?, receiptURL: String?, now: Date
    ) async throws -> TransitionOutcome {
        let columns: [(String, SQLValue)] = [
            ("payment_key", .text(paymentKey)), ("paid_at", .date(approvedAt)),
            ("method", .optional(method)), ("receipt_url", .optional(receiptURL)),
        ]
        return try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .paid, from: [.confirming, .needsAttention], now: now,
                columns: columns, notify: { _ in .paid }, isRepeat: { $0.paymentKey == paymentKey })
        }
    }

    package func markFailed(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .failed, from: [.confirming, .needsAttention], now: now,
                columns: [("failure_code", .text(code)), ("failure_message", .text(message))],
                // Staff were told it needs attention: they hear how it ended. A refusal while
                // confirming is the guest's own result page, nothing to announce.
                notify: { $0.state == .needsAttention ? .failed : nil })
        }
    }

    package func markNeedsAttention(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .needsAttention, from: [.confirming], now: now,
                columns: [("attention_reason", .text(reason))], notify: { _ in .needsAttention })
        }
    }

    package func failHold(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .failed, from: [.ready, .expired], now: now,
                columns: [("failure_code", .text(code)), ("failure_message", .text(message))])
        }
    }

    package func releaseHold(orderId: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .failed, from: [.ready, .expired], now: now,
                columns: [("failure_code", .text(Booking.releasedCode)), ("failure_message", .text(Booking.releasedMessage))],
                notify: { _ in .released })
        }
    }

    package func markCancelled(orderId: String, refundAmount: Int, at: Date) async throws -> TransitionOutcome {
        try await writer.write {
            try PaymentTransitions.move(
                $0, orderId: orderId, to: .cancelled, from: [.paid, .needsAttention, .cancelling], now: at,
                columns: [("refund_amount", .int(refundAmount)), ("cancelled_at", .date(at))], notify: { _ in .cancelled })
        }
    }

    package func beginCancel(orderId: String, refundAmount: Int, reason: String, now: Date) async throws -> CancelStart {
        try await writer.write { db in
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
    }

    package func abandonCancel(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { db in
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
    }

    package func revertConfirm(orderId: String, paymentKey: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { db in
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
    }

    package func renewIdempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        try await writer.write { db in
            try IdempotencyKeys.drop(db, orderId: orderId, operation: operation)
            return try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: operation, now: now)
        }
    }

    package func idempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        // A confirm's key is normally stored already, by the transaction that began the confirm.
        if let key = try readers.read({ try IdempotencyKeys.stored($0, orderId: orderId, operation: operation) }) {
            return key
        }
        return try await writer.write { db in
            guard try db.row("SELECT 1 FROM bookings WHERE order_id = ?1", [.text(orderId)], { _ in true }) != nil
            else { throw BookingStoreError.unknownOrder(orderId) }
            return try IdempotencyKeys.storeOnce(db, orderId: orderId, operation: operation, now: now)
        }
    }
}

/// One Idempotency-Key per order and operation, generated once and kept, so a retry after a
/// crash or a timeout sends Toss the same key.
enum IdempotencyKeys {
    static func stored(_ db: SQLiteConnection, orderId: String, operation: PaymentOperation) throws -> String? {
        try db.row("SELECT key FROM idempotency_keys WHERE order_id = ?1 AND operation = ?2",
                   [.text(orderId), .text(operation.rawValue)]) { $0.text(0) }
    }

    /// Forgets the key of one operation, so the next attempt is made under a new one: Toss
    /// replays whatever it stored under the old key (an error too) for 15 days.
    static func drop(_ db: SQLiteConnection, orderId: String, operation: PaymentOperation) throws {
        try db.run("DELETE FROM idempotency_keys WHERE order_id = ?1 AND operation = ?2",
                   [.text(orderId), .text(operation.rawValue)])
    }

    /// Inserts a fresh key made at `now` unless one exists; whoever inserted first wins and
    /// everyone gets it.
    static func storeOnce(
        _ db: SQLiteConnection, orderId: String, operation: PaymentOperation, now: Date
    ) throws -> String {
        try db.run(
            """
            INSERT INTO idempotency_keys (order_id, operation, key, created_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (order_id, operation) DO NOTHING
            """,
            [.text(orderId), .text(operation.rawValue), .text(UUID().uuidString.lowercased()), .date(now)])
        guard let key = try stored(db, orderId: orderId, operation: operation) else {
            throw BookingStoreError.unknownOrder(orderId)
        }
        return key
    }
}
