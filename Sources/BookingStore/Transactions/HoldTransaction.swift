import Foundation

/// Holding seats, run on the writer inside its transaction so check and write are one step.
enum HoldTransaction {
    struct Parameters: Sendable {
        var request: HoldRequest
        var now: Date
        var holdDuration: TimeInterval
        var maxLiveHoldsPerGuest: Int
        var limits: HoldLimits = .off
        var newOrderId: @Sendable () -> String
        /// Where booking codes come from (`BookingCode.random`; tests force collisions).
        var newCode: @Sendable () -> String = BookingCode.random
        /// False only for the test-only unguarded path, which checked seats on a read connection.
        var checkSeats: Bool = true
    }

    static func run(_ db: any StoreConnection, _ p: Parameters) throws -> HoldOutcome {
        let request = p.request
        guard request.partySize >= 1 else { return .invalidPartySize }
        guard let slot = try BookingRecords.slot(db, slotId: request.slotId, now: p.now) else {
            return .unknownSlot
        }
        guard !slot.retired, slot.startsAt > p.now else { return .slotClosed }
        guard request.partySize <= slot.maxPartySize else { return .partyTooLarge(max: slot.maxPartySize) }
        let expiresAt = p.now.addingTimeInterval(p.holdDuration)
        let amount = request.partySize * slot.depositPerPerson

        let existing = try liveHold(db, customerKey: request.customerKey, slotId: slot.slotId, now: p.now)
        if let refusal = try limitRefusal(db, p, slot: slot, reusing: existing) { return refusal }

        // Seats a lapsed hold kept are about to be counted as free and sold: that hold is
        // EXPIRED from this transaction on (the test-only unguarded path keeps the old way).
        if p.checkSeats { try BookingRecords.expireLapsedHolds(db, slotId: slot.slotId, now: p.now) }

        if let existing {
            // The tutorial's reuse rule: the same guest and slot get their READY booking back,
            // resized, with its expiry unchanged: coming back never lengthens a hold.
            let others = try BookingRecords.seatsTaken(db, slotId: slot.slotId, now: p.now, excluding: existing)
            let available = max(0, slot.capacity - others)
            if p.checkSeats && request.partySize > available { return .soldOut(seatsLeft: available) }
            let columns: [(String, SQLValue)] = [
                ("party_size", .int(request.partySize)), ("amount", .int(amount)),
                ("guest_name", .text(request.guestName)), ("phone", .text(request.phone)),
                ("comment", .text(request.comment)), ("client_address", .text(request.client.address)),
                ("client_network", .text(request.client.network)),
            ]
            _ = try BookingRecords.update(
                db, orderId: existing, expected: BookingState.ready.rawValue, target: .ready, now: p.now,
                columns: columns)
            guard let reused = try BookingRecords.booking(db, orderId: existing, now: p.now) else {
                return .unknownSlot
            }
            return .reused(reused.booking)
        }

        if p.checkSeats && request.partySize > slot.seatsLeft { return .soldOut(seatsLeft: slot.seatsLeft) }

        let orderId = p.newOrderId()
        try db.run(
            """
            INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment,
                party_size, amount, state, created_at, expires_at, updated_at, client_address, client_network)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'READY', ?9, ?10, ?9, ?11, ?12)
            """,
            [
                .text(orderId), .text(slot.slotId), .text(request.customerKey), .text(request.guestName),
                .text(request.phone), .text(request.comment), .int(request.partySize), .int(amount),
                .date(p.now), .date(expiresAt), .text(request.client.address), .text(request.client.network),
            ])
        try BookingRecords.assignCode(db, orderId: orderId, newCode: p.newCode)
        guard let created = try BookingRecords.booking(db, orderId: orderId, now: p.now) else {
            return .unknownSlot
        }
        return .created(created.booking)
    }

    /// The first hold limit this hold would pass, counting every other live READY hold (the
    /// reused one excluded, so resizing a hold counts its new size once). Checked in the writer's
    /// transaction, so a storm of concurrent holds sees each other's rows.
    private static func limitRefusal(
        _ db: any StoreConnection, _ p: Parameters, slot: SlotAvailability, reusing existing: String?
    ) throws -> HoldOutcome? {
        let request = p.request, limits = p.limits, excluding = existing ?? ""
        func unpaid(_ column: String, _ value: String, inSlot: Bool = false) throws -> (holds: Int, seats: Int, firstLapse: Date?) {
            let sql = """
                SELECT COUNT(*), COALESCE(SUM(party_size), 0), MIN(expires_at) FROM bookings
                WHERE \(column) = ?1 AND state = 'READY' AND expires_at > ?2 AND order_id <> ?3
                \(inSlot ? "AND slot_id = ?4" : "")
                """
            var values: [SQLValue] = [.text(value), .date(p.now), .text(excluding)]
            if inSlot { values.append(.text(slot.slotId)) }
            return try db.row(sql, values) { ($0.int(0), $0.int(1), $0.optionalDate(2)) } ?? (0, 0, nil)
        }
        func refuse(_ limit: HoldLimit, _ firstLapse: Date?) -> HoldOutcome {
            let seconds = (firstLapse ?? p.now.addingTimeInterval(p.holdDuration)).timeIntervalSince(p.now)
            return .holdLimit(limit, retryAfter: max(1, Int(seconds.rounded(.up))))
        }
        if existing == nil {
            let guest = try unpaid("customer_key", request.customerKey)
            if guest.holds >= p.maxLiveHoldsPerGuest { return refuse(.perGuest(holds: p.maxLiveHoldsPerGuest), guest.firstLapse) }
        }
        if let limit = limits.holdsPerPhone, !request.phone.isEmpty {
            let phone = try unpaid("phone", request.phone)
            if phone.holds >= limit { return refuse(.perPhone(holds: limit), phone.firstLapse) }
        }
        guard request.client.isKnown else { return nil }
        if let limit = limits.seatsPerAddress {
            let address = try unpaid("client_address", request.client.address)
            if address.seats + request.partySize > limit { return refuse(.perAddress(seats: limit), address.firstLapse) }
        }
        if let limit = limits.seatsPerNetwork {
            let network = try unpaid("client_network", request.client.network)
            if network.seats + request.partySize > limit { return refuse(.perNetwork(seats: limit), network.firstLapse) }
        }
        if let allowance = limits.slotAllowance(capacity: slot.capacity, maxPartySize: slot.maxPartySize) {
            let share = try unpaid("client_network", request.client.network, inSlot: true)
            if share.seats + request.partySize > allowance { return refuse(.slotShare(seats: allowance), share.firstLapse) }
        }
        return nil
    }

    /// `+slot_id` keeps SQLite on the customer index (a key has a hold or two): left to choose, it
    /// took the slot index, which walks every live hold of the slot and reads each row.
    /// PostgreSQL has no unary plus on text; its planner, with statistics, needs no hint.
    static let liveHoldSQL = """
        SELECT order_id FROM bookings
        WHERE customer_key = ?1 AND +slot_id = ?2 AND state = 'READY' AND expires_at > ?3
        ORDER BY created_at DESC LIMIT 1
        """

    static let liveHoldPostgresSQL = liveHoldSQL.replacingOccurrences(of: "+slot_id", with: "slot_id")

    private static func liveHold(_ db: any StoreConnection, customerKey: String, slotId: String, now: Date) throws -> String? {
        try db.row(db.dialect == .sqlite ? liveHoldSQL : liveHoldPostgresSQL,
                   [.text(customerKey), .text(slotId), .date(now)]) { $0.text(0) }
    }
}
