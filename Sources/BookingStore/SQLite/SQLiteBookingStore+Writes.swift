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
        try await writer.write {
            try BookingWrites.markPaid($0, orderId: orderId, paymentKey: paymentKey, approvedAt: approvedAt,
                                       method: method, receiptURL: receiptURL, now: now)
        }
    }

    package func markFailed(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.markFailed($0, orderId: orderId, code: code, message: message, now: now) }
    }

    package func markNeedsAttention(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.markNeedsAttention($0, orderId: orderId, reason: reason, now: now) }
    }

    package func failHold(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.failHold($0, orderId: orderId, code: code, message: message, now: now) }
    }

    package func releaseHold(orderId: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.releaseHold($0, orderId: orderId, now: now) }
    }

    package func markCancelled(orderId: String, refundAmount: Int, at: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.markCancelled($0, orderId: orderId, refundAmount: refundAmount, at: at) }
    }

    package func beginCancel(orderId: String, refundAmount: Int, reason: String, now: Date) async throws -> CancelStart {
        try await writer.write {
            try BookingWrites.beginCancel($0, orderId: orderId, refundAmount: refundAmount, reason: reason, now: now)
        }
    }

    package func abandonCancel(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.abandonCancel($0, orderId: orderId, reason: reason, now: now) }
    }

    package func revertConfirm(orderId: String, paymentKey: String, now: Date) async throws -> TransitionOutcome {
        try await writer.write { try BookingWrites.revertConfirm($0, orderId: orderId, paymentKey: paymentKey, now: now) }
    }

    package func renewIdempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        try await writer.write { try BookingWrites.renewIdempotencyKey($0, orderId: orderId, operation: operation, now: now) }
    }

    package func idempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        // A confirm's key is normally stored already, by the transaction that began the confirm.
        if let key = try readers.read({ try IdempotencyKeys.stored($0, orderId: orderId, operation: operation) }) {
            return key
        }
        return try await writer.write {
            try BookingWrites.createIdempotencyKey($0, orderId: orderId, operation: operation, now: now)
        }
    }
}
