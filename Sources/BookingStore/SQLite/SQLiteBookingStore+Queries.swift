import Foundation

extension SQLiteBookingStore {
    /// The effective state in SQL (`?1` = now): a lapsed READY hold reads as EXPIRED.
    private static let effectiveState =
        "CASE WHEN b.state = 'READY' AND b.expires_at <= ?1 THEN 'EXPIRED' ELSE b.state END"

    package func availability(restaurant: String, now: Date) async throws -> [SlotAvailability] {
        try readers.read {
            try $0.rows(
                BookingRecords.selectSlot
                    + " WHERE s.restaurant = ?2 AND s.starts_at > ?1 AND s.retired = 0 ORDER BY s.starts_at, s.table_id",
                [.date(now), .text(restaurant)], BookingRecords.availability)
        }
    }

    package func availability(slotId: String, now: Date) async throws -> SlotAvailability? {
        try readers.read { try BookingRecords.slot($0, slotId: slotId, now: now) }
    }

    package func booking(orderId: String, now: Date) async throws -> Booking? {
        try readers.read { try BookingRecords.booking($0, orderId: orderId, now: now)?.booking }
    }

    package func booking(code: String, now: Date) async throws -> Booking? {
        try readers.read { try BookingRecords.booking($0, code: code, now: now)?.booking }
    }

    package func bookings(_ filter: BookingFilter) async throws -> [Booking] {
        var conditions: [String] = []
        var values: [SQLValue] = [.date(filter.now)]
        if let restaurant = filter.restaurant {
            conditions.append("s.restaurant = ?")
            values.append(.text(restaurant))
        }
        if let from = filter.startsFrom {
            conditions.append("s.starts_at >= ?")
            values.append(.date(from))
        }
        if let before = filter.startsBefore {
            conditions.append("s.starts_at < ?")
            values.append(.date(before))
        }
        if let states = filter.states {
            guard !states.isEmpty else { return [] }
            let sorted = states.map(\.rawValue).sorted()
            conditions.append("\(Self.effectiveState) IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))")
            values += sorted.map(SQLValue.text)
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = BookingRecords.selectBooking + whereClause + " ORDER BY s.starts_at, b.created_at, b.order_id"
        return try readers.read { try $0.rows(sql, values) { BookingRecords.stored($0).booking } }
    }

    package func unsettled(now: Date) async throws -> [Booking] {
        try readers.read {
            try $0.rows(
                BookingRecords.selectBooking
                    + " WHERE b.state IN ('CONFIRMING', 'NEEDS_ATTENTION', 'CANCELLING') ORDER BY b.updated_at, b.order_id",
                [.date(now)]) { BookingRecords.stored($0).booking }
        }
    }

    package func stateCounts(now: Date) async throws -> [BookingState: Int] {
        let rows = try readers.read {
            try $0.rows(
                "SELECT \(Self.effectiveState) AS effective, COUNT(*) FROM bookings b GROUP BY effective",
                [.date(now)]) { ($0.text(0), $0.int(1)) }
        }
        var counts = Dictionary(uniqueKeysWithValues: BookingState.allCases.map { ($0, 0) })
        for (state, count) in rows {
            if let state = BookingState(rawValue: state) { counts[state, default: 0] += count }
        }
        return counts
    }
}
