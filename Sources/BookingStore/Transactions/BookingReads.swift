import Foundation

/// Every read of the `BookingStore` protocol as one function over a connection, shared by the
/// SQLite and the PostgreSQL store like `BookingWrites`.
enum BookingReads {
    /// The effective state in SQL (`?1` = now): a lapsed READY hold reads as EXPIRED.
    static let effectiveState =
        "CASE WHEN b.state = 'READY' AND b.expires_at <= ?1 THEN 'EXPIRED' ELSE b.state END"

    static func availability(_ db: any StoreConnection, restaurant: String, now: Date) throws -> [SlotAvailability] {
        try db.rows(
            BookingRecords.selectSlot
                + " WHERE s.restaurant = ?2 AND s.starts_at > ?1 AND s.retired = 0 ORDER BY s.starts_at, s.table_id",
            [.date(now), .text(restaurant)], BookingRecords.availability)
    }

    static func bookings(_ db: any StoreConnection, _ filter: BookingFilter) throws -> [Booking] {
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
            conditions.append("\(effectiveState) IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))")
            values += sorted.map(SQLValue.text)
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = BookingRecords.selectBooking + whereClause + " ORDER BY s.starts_at, b.created_at, b.order_id"
        return try db.rows(sql, values) { BookingRecords.stored($0).booking }
    }

    static func unsettled(_ db: any StoreConnection, now: Date) throws -> [Booking] {
        try db.rows(
            BookingRecords.selectBooking
                + " WHERE b.state IN ('CONFIRMING', 'NEEDS_ATTENTION', 'CANCELLING') ORDER BY b.updated_at, b.order_id",
            [.date(now)]) { BookingRecords.stored($0).booking }
    }

    static func stateCounts(_ db: any StoreConnection, now: Date) throws -> [BookingState: Int] {
        let rows = try db.rows(
            "SELECT \(effectiveState) AS effective, COUNT(*) FROM bookings b GROUP BY effective",
            [.date(now)]) { ($0.text(0), $0.int(1)) }
        var counts = Dictionary(uniqueKeysWithValues: BookingState.allCases.map { ($0, 0) })
        for (state, count) in rows {
            if let state = BookingState(rawValue: state) { counts[state, default: 0] += count }
        }
        return counts
    }
}
