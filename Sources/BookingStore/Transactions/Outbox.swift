import Foundation

/// The outbox's SQL. `record` runs inside the transaction that changes the booking, so the
/// change and its event are committed together or not at all (invariant 12).
enum Outbox {
    static func record(_ db: any StoreConnection, _ kind: NotificationKind, _ booking: Booking, now: Date) throws {
        try db.run(
            """
            INSERT INTO notifications (event_id, type, order_id, created_at, state, refund_amount, next_attempt_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4)
            """,
            [.text("evt_" + UUID().uuidString.lowercased()), .text(kind.rawValue), .text(booking.orderId), .date(now),
             .text(booking.state.rawValue), .optional(booking.refundAmount)])
    }

    static let columns = """
        n.seq, n.event_id, n.type, n.order_id, n.created_at, n.state, n.refund_amount, n.attempts,
        n.last_status, n.last_attempt_at, n.next_attempt_at, n.delivered_at, n.gave_up_at
        """

    static func event(_ row: any StoreRow) -> NotificationEvent {
        NotificationEvent(
            sequence: Int64(row.int(0)), eventId: row.text(1), kind: NotificationKind(rawValue: row.text(2)) ?? .needsAttention,
            orderId: row.text(3), createdAt: row.date(4), state: BookingState(rawValue: row.text(5)) ?? .needsAttention,
            refundAmount: row.optionalInt(6), attempts: row.int(7), lastStatus: row.optionalText(8),
            lastAttemptAt: row.optionalDate(9), nextAttemptAt: row.date(10), deliveredAt: row.optionalDate(11),
            gaveUpAt: row.optionalDate(12))
    }

    /// `claim` (PostgreSQL) locks the rows returned and skips rows another instance has locked.
    static func due(_ db: any StoreConnection, now: Date, limit: Int, claim: Bool = false) throws -> [DueNotification] {
        let events = try db.rows(
            """
            SELECT \(columns) FROM notifications n
            WHERE n.delivered_at IS NULL AND n.gave_up_at IS NULL AND n.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM notifications e WHERE e.order_id = n.order_id AND e.seq < n.seq
                              AND e.delivered_at IS NULL AND e.gave_up_at IS NULL)
            ORDER BY n.seq LIMIT ?2\(claim ? " FOR UPDATE SKIP LOCKED" : "")
            """, [.date(now), .int(limit)], event)
        return try events.compactMap { event in
            try BookingRecords.booking(db, orderId: event.orderId, now: now).map { DueNotification(event: event, booking: $0.booking) }
        }
    }
}

extension Outbox {
    static func recordDelivery(_ db: any StoreConnection, sequence: Int64, result: DeliveryResult, at: Date) throws {
        let (status, delivered, retryAt, gaveUp): (String, SQLValue, SQLValue, SQLValue)
        switch result {
        case .delivered(let text): (status, delivered, retryAt, gaveUp) = (text, .date(at), .date(at), .null)
        case .failed(let text, let next): (status, delivered, retryAt, gaveUp) = (text, .null, .date(next), .null)
        case .gaveUp(let text): (status, delivered, retryAt, gaveUp) = (text, .null, .date(at), .date(at))
        }
        try db.run(
            """
            UPDATE notifications SET attempts = attempts + 1, last_status = ?2, last_attempt_at = ?3,
                delivered_at = COALESCE(delivered_at, ?4), next_attempt_at = ?5, gave_up_at = ?6
            WHERE seq = ?1
            """, [.integer(sequence), .text(String(status.prefix(200))), .date(at), delivered, retryAt, gaveUp])
    }

    static func list(_ db: any StoreConnection, pendingOnly: Bool, limit: Int) throws -> [NotificationEvent] {
        let condition = pendingOnly ? " WHERE n.delivered_at IS NULL" : ""
        return try db.rows("SELECT \(columns) FROM notifications n\(condition) ORDER BY n.seq DESC LIMIT ?1",
                           [.int(limit)], event)
    }

    /// An event whose booking has a later event already delivered is not sent again: it would
    /// arrive after it and say something no longer true ("예약이 완료되었습니다" after the
    /// cancellation; found by an outside review). Such events are left as they are.
    static let notSuperseded = """
        NOT EXISTS (SELECT 1 FROM notifications later WHERE later.order_id = notifications.order_id
                    AND later.seq > notifications.seq AND later.delivered_at IS NOT NULL)
        """

    static func retry(_ db: any StoreConnection, eventIds: [String], now: Date) throws -> Int {
        if eventIds.isEmpty {
            return try db.run(
                "UPDATE notifications SET gave_up_at = NULL, next_attempt_at = ?1 WHERE delivered_at IS NULL AND \(notSuperseded)",
                [.date(now)])
        }
        var changed = 0
        for id in eventIds {
            changed += try db.run(
                "UPDATE notifications SET gave_up_at = NULL, next_attempt_at = ?1 WHERE event_id = ?2 AND delivered_at IS NULL AND \(notSuperseded)",
                [.date(now), .text(id)])
        }
        return changed
    }
}
