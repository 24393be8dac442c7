import Foundation

extension PostgresBookingStore {
    // MARK: - Inventory

    package func syncInventory(_ slots: [SlotInventory], now: Date) async throws -> InventoryReport {
        try await syncInventory(slots, contentVersion: nil, now: now)
    }

    /// Syncs unless the database holds content newer than `contentVersion` (written by another
    /// instance after a later deploy): then nothing is written and the report says so, so an
    /// instance still on old content cannot revert prices or retire the newer content's slots.
    /// nil syncs whatever is stored (the staff CLI, tests) and leaves the stored version.
    package func syncInventory(_ slots: [SlotInventory], contentVersion: Int64?, now: Date) async throws -> InventoryReport {
        try await write(now, prepare: { try $0.advisoryLock(.inventory, "inventory") }) { db, now in
            let stored = try db.row("SELECT version FROM inventory_version", []) { $0.int64(0) }
            if let mine = contentVersion, let stored, mine < stored {
                var report = InventoryReport()
                report.olderThanStored = (mine, stored)
                return report
            }
            let report = try InventorySync.run(db, slots: slots, now: now)
            if let mine = contentVersion {
                try db.run(
                    """
                    INSERT INTO inventory_version (id, version) VALUES (1, ?1)
                    ON CONFLICT (id) DO UPDATE SET version = GREATEST(inventory_version.version, EXCLUDED.version)
                    """, [.integer(mine)])
            }
            return report
        }
    }

    package func inventoryConflicts(_ slots: [SlotInventory], now: Date) async throws -> [InventoryConflict.DroppedSlot] {
        try await read(now) { db, now in try InventorySync.conflicts(db, slots: slots, now: now) }
    }

    // MARK: - Holds

    package func hold(
        _ request: HoldRequest, now: Date, holdDuration: TimeInterval,
        newOrderId: @escaping @Sendable () -> String
    ) async throws -> HoldOutcome {
        let (maxPerGuest, limits, newCode) = (options.maxLiveHoldsPerGuest, options.holdLimits, options.newBookingCode)
        // Slot first, then guest, then the phone and network the site-wide limits count: every
        // hold takes them in this order, so two never deadlock, and the limits that span slots
        // are as exact across instances as the seats are.
        return try await write(now, prepare: { db in
            try db.lockSeats(slotId: request.slotId)
            try db.lockGuest(customerKey: request.customerKey)
            if limits.holdsPerPhone != nil, !request.phone.isEmpty { try db.advisoryLock(.phone, request.phone) }
            if limits.seatsPerAddress != nil || limits.seatsPerNetwork != nil, request.client.isKnown {
                try db.advisoryLock(.network, request.client.network)
            }
        }) { db, now in
            try HoldTransaction.run(db, HoldTransaction.Parameters(
                request: request, now: now, holdDuration: holdDuration, maxLiveHoldsPerGuest: maxPerGuest,
                limits: limits, newOrderId: newOrderId, newCode: newCode))
        }
    }

    // MARK: - Payment

    package func beginConfirm(orderId: String, paymentKey: String, amount: Int, now: Date) async throws -> ConfirmStart {
        // A lapsed hold's confirm re-takes seats: it waits for its slot's lock like a hold.
        try await write(now, prepare: { db in
            if let slotId = try db.row("SELECT slot_id FROM bookings WHERE order_id = ?1", [.text(orderId)], { $0.text(0) }) {
                try db.lockSeats(slotId: slotId)
            }
            try Self.lockBooking(db, orderId)
        }) { db, now in
            try PaymentTransitions.beginConfirm(db, orderId: orderId, paymentKey: paymentKey, amount: amount, now: now)
        }
    }

    package func markPaid(
        orderId: String, paymentKey: String, approvedAt: Date, method: String?, receiptURL: String?, now: Date
    ) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { db, now in
            try BookingWrites.markPaid(db, orderId: orderId, paymentKey: paymentKey, approvedAt: approvedAt,
                                       method: method, receiptURL: receiptURL, now: now)
        }
    }

    package func markFailed(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.markFailed($0, orderId: orderId, code: code, message: message, now: $1) }
    }

    package func markNeedsAttention(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.markNeedsAttention($0, orderId: orderId, reason: reason, now: $1) }
    }

    package func failHold(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.failHold($0, orderId: orderId, code: code, message: message, now: $1) }
    }

    package func releaseHold(orderId: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.releaseHold($0, orderId: orderId, now: $1) }
    }

    package func markCancelled(orderId: String, refundAmount: Int, at: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, at) { try BookingWrites.markCancelled($0, orderId: orderId, refundAmount: refundAmount, at: $1) }
    }

    package func beginCancel(orderId: String, refundAmount: Int, reason: String, now: Date) async throws -> CancelStart {
        try await writeBooking(orderId, now) {
            try BookingWrites.beginCancel($0, orderId: orderId, refundAmount: refundAmount, reason: reason, now: $1)
        }
    }

    package func abandonCancel(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.abandonCancel($0, orderId: orderId, reason: reason, now: $1) }
    }

    package func revertConfirm(orderId: String, paymentKey: String, now: Date) async throws -> TransitionOutcome {
        try await writeBooking(orderId, now) { try BookingWrites.revertConfirm($0, orderId: orderId, paymentKey: paymentKey, now: $1) }
    }

    package func renewIdempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        try await writeBooking(orderId, now) { try BookingWrites.renewIdempotencyKey($0, orderId: orderId, operation: operation, now: $1) }
    }

    package func idempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String {
        if let key = try await read(now, { db, _ in try IdempotencyKeys.stored(db, orderId: orderId, operation: operation) }) {
            return key
        }
        return try await writeBooking(orderId, now) {
            try BookingWrites.createIdempotencyKey($0, orderId: orderId, operation: operation, now: $1)
        }
    }

    // MARK: - Queries

    package func availability(restaurant: String, now: Date) async throws -> [SlotAvailability] {
        try await read(now) { try BookingReads.availability($0, restaurant: restaurant, now: $1) }
    }

    package func availability(slotId: String, now: Date) async throws -> SlotAvailability? {
        try await read(now) { try BookingRecords.slot($0, slotId: slotId, now: $1) }
    }

    package func booking(orderId: String, now: Date) async throws -> Booking? {
        try await read(now) { try BookingRecords.booking($0, orderId: orderId, now: $1)?.booking }
    }

    package func booking(code: String, now: Date) async throws -> Booking? {
        try await read(now) { try BookingRecords.booking($0, code: code, now: $1)?.booking }
    }

    package func bookings(_ filter: BookingFilter) async throws -> [Booking] {
        try await read(filter.now) { db, now in
            var filter = filter
            filter.now = now
            return try BookingReads.bookings(db, filter)
        }
    }

    package func unsettled(now: Date) async throws -> [Booking] {
        try await read(now) { try BookingReads.unsettled($0, now: $1) }
    }

    package func stateCounts(now: Date) async throws -> [BookingState: Int] {
        try await read(now) { try BookingReads.stateCounts($0, now: $1) }
    }
}

extension PostgresBookingStore: NotificationOutbox {
    /// How long a claimed event stays invisible to the other instances while this one delivers.
    static let deliveryLease: TimeInterval = 120

    /// Claims the due events: locked with `FOR UPDATE SKIP LOCKED` (two instances polling at
    /// once take different rows) and made due again only after a lease, so each event is sent
    /// by one instance at a time; `recordDelivery` then sets the real next attempt. An instance
    /// that dies mid-delivery leaves its events to the others once the lease is over.
    package func dueNotifications(now: Date, limit: Int) async throws -> [DueNotification] {
        try await write(now) { db, now in
            let due = try Outbox.due(db, now: now, limit: limit, claim: true)
            for item in due {
                try db.run("UPDATE notifications SET next_attempt_at = ?2 WHERE seq = ?1",
                           [.integer(item.event.sequence), .date(now.addingTimeInterval(Self.deliveryLease))])
            }
            return due
        }
    }

    package func recordDelivery(sequence: Int64, result: DeliveryResult, at: Date) async throws {
        try await write(at) { db, _ in try Outbox.recordDelivery(db, sequence: sequence, result: result, at: at) }
    }

    package func notifications(pendingOnly: Bool, limit: Int) async throws -> [NotificationEvent] {
        try await read(Date()) { db, _ in try Outbox.list(db, pendingOnly: pendingOnly, limit: limit) }
    }

    package func retryNotifications(eventIds: [String], now: Date) async throws -> Int {
        try await write(now) { try Outbox.retry($0, eventIds: eventIds, now: $1) }
    }
}
