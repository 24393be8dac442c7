import Foundation

/// Holding seats, run on the writer inside its transaction so check and write are one step.
enum HoldTransaction {
    struct Parameters: Sendable {
        var request: HoldRequest
        var now: Date
        var holdDuration: TimeInterval
        var maxLiveHoldsPerGuest: Int
        var newOrderId: @Sendable () -> String
        /// False only for the test-only unguarded path, which checked seats on a read connection.
        var checkSeats: Bool = true
    }

    static func run(_ db: SQLiteConnection, _ p: Parameters) throws -> HoldOutcome {
        let request = p.request
        guard request.partySize >= 1 else { return .invalidPartySize }
        guard let slot = try BookingRecords.slot(db, slotId: request.slotId, now: p.now) else {
            return .unknownSlot
        }
        guard !slot.retired, slot.startsAt > p.now else { return .slotClosed }
        guard request.partySize <= slot.maxPartySize else { return .partyTooLarge(max: slot.maxPartySize) }
        let expiresAt = p.now.addingTimeInterval(p.holdDuration)
        let amount = request.partySize * slot.depositPerPerson

        if let existing = try liveHold(db, customerKey: request.customerKey, slotId: slot.slotId, now: p.now) {
            // The tutorial's reuse rule: the same guest and slot get their READY booking back.
            let others = try BookingRecords.seatsTaken(db, slotId: slot.slotId, now: p.now, excluding: existing)
            let available = max(0, slot.capacity - others)
            if p.checkSeats && request.partySize > available { return .soldOut(seatsLeft: available) }
            let columns: [(String, SQLValue)] = [
                ("party_size", .int(request.partySize)), ("amount", .int(amount)),
                ("expires_at", .date(expiresAt)), ("guest_name", .text(request.guestName)),
                ("phone", .text(request.phone)), ("comment", .text(request.comment)),
            ]
            _ = try BookingRecords.update(
                db, orderId: existing, expected: BookingState.ready.rawValue, target: .ready, now: p.now,
                columns: columns)
            guard let reused = try BookingRecords.booking(db, orderId: existing, now: p.now) else {
                return .unknownSlot
            }
            return .reused(reused.booking)
        }

        let liveHolds = try db.row(
            "SELECT COUNT(*) FROM bookings WHERE customer_key = ?1 AND state = 'READY' AND expires_at > ?2",
            [.text(request.customerKey), .date(p.now)]) { $0.int(0) } ?? 0
        if liveHolds >= p.maxLiveHoldsPerGuest { return .tooManyHolds(limit: p.maxLiveHoldsPerGuest) }

        if p.checkSeats && request.partySize > slot.seatsLeft { return .soldOut(seatsLeft: slot.seatsLeft) }

        let orderId = p.newOrderId()
        try db.run(
            """
            INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment,
                party_size, amount, state, created_at, expires_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'READY', ?9, ?10, ?9)
            """,
            [
                .text(orderId), .text(slot.slotId), .text(request.customerKey), .text(request.guestName),
                .text(request.phone), .text(request.comment), .int(request.partySize), .int(amount),
                .date(p.now), .date(expiresAt),
            ])
        guard let created = try BookingRecords.booking(db, orderId: orderId, now: p.now) else {
            return .unknownSlot
        }
        return .created(created.booking)
    }

    private static func liveHold(_ db: SQLiteConnection, customerKey: String, slotId: String, now: Date) throws -> String? {
        try db.row(
            """
            SELECT order_id FROM bookings
            WHERE customer_key = ?1 AND slot_id = ?2 AND state = 'READY' AND expires_at > ?3
            ORDER BY created_at DESC LIMIT 1
            """,
            [.text(customerKey), .text(slotId), .date(now)]) { $0.text(0) }
    }
}
