import Foundation

/// The reconciler's work on a database several instances share: leases and backoff in the
/// `reconcile_leases` row (schema step 5), claimed with `FOR UPDATE SKIP LOCKED` as alf.io's
/// job queue does, so two instances never look up or settle the same booking at once and an
/// instance that dies holding a lease gives the booking back when the lease runs out.
extension PostgresBookingStore {
    package var isShared: Bool { true }

    static let unsettledStates = "('CONFIRMING', 'NEEDS_ATTENTION', 'CANCELLING')"

    package func claimUnsettled(
        now: Date, confirmingUpdatedBefore: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool
    ) async throws -> [Booking] {
        let offset = options.clock == .database ? confirmingUpdatedBefore.timeIntervalSince(now) : nil
        return try await write(now) { db, now in
            // The database's clock moves "updated before" with it: the caller gave it as an age.
            let before = offset.map { now.addingTimeInterval($0) } ?? confirmingUpdatedBefore
            try db.run(
                """
                INSERT INTO reconcile_leases (order_id, leased_until, next_attempt_at)
                SELECT order_id, 0, 0 FROM bookings WHERE state IN \(Self.unsettledStates)
                ON CONFLICT (order_id) DO NOTHING
                """, [])
            let claimed = try db.rows(
                """
                SELECT l.order_id FROM reconcile_leases l JOIN bookings b ON b.order_id = l.order_id
                WHERE b.state IN \(Self.unsettledStates) AND l.leased_until <= ?1
                  AND (?2 = 1 OR l.next_attempt_at <= ?1)
                  AND (b.state <> 'CONFIRMING' OR b.updated_at < ?3)
                ORDER BY l.next_attempt_at, b.updated_at LIMIT ?4
                FOR UPDATE OF l SKIP LOCKED
                """, [.date(now), .int(ignoringBackoff ? 1 : 0), .date(before), .int(limit)]) { $0.text(0) }
            var bookings: [Booking] = []
            for orderId in claimed {
                try db.run("UPDATE reconcile_leases SET leased_until = ?2 WHERE order_id = ?1",
                           [.text(orderId), .date(now.addingTimeInterval(lease))])
                if let stored = try BookingRecords.booking(db, orderId: orderId, now: now) { bookings.append(stored.booking) }
            }
            return bookings
        }
    }

    package func finishReconciling(orderId: String, settled: Bool, now: Date) async throws {
        _ = try await write(now) { db, now in
            if settled {
                try db.run("DELETE FROM reconcile_leases WHERE order_id = ?1", [.text(orderId)])
            } else {
                try db.run(
                    """
                    UPDATE reconcile_leases SET leased_until = 0, next_attempt_at = ?2 + LEAST(delay_ms * 2, 300000),
                        delay_ms = LEAST(delay_ms * 2, 300000)
                    WHERE order_id = ?1
                    """, [.text(orderId), .date(now)])
            }
        }
    }
}
