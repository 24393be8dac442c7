import Foundation

/// The SQL shared by reads and writes: loading bookings and slots, counting seats.
///
/// "Seats taken" is computed from live rows every time (PAID, CONFIRMING, NEEDS_ATTENTION, CANCELLING and
/// READY whose hold has not lapsed at `now`), so a lapsed hold frees its seats without a sweep.
enum BookingRecords {
    /// A booking as read, with the state actually stored (a lapsed hold still stores READY)
    /// for compare-and-set updates.
    struct Stored {
        var booking: Booking
        var storedState: String
    }

    /// `?1` is `now`; the effective state turns a lapsed READY into EXPIRED.
    static let selectBooking = """
        SELECT b.order_id, b.slot_id, s.restaurant, s.table_id, s.starts_at, s.order_name,
               b.customer_key, b.guest_name, b.phone, b.comment, b.party_size, b.amount,
               CASE WHEN b.state = 'READY' AND b.expires_at <= ?1 THEN 'EXPIRED' ELSE b.state END,
               b.created_at, b.expires_at, b.updated_at, b.payment_key, b.paid_at, b.method,
               b.receipt_url, b.failure_code, b.failure_message, b.attention_reason,
               b.refund_amount, b.cancelled_at, b.state, b.refund_reason, b.booking_code
        FROM bookings b JOIN slots s ON s.slot_id = b.slot_id
        """

    /// A row of `selectBooking`.
    static func stored(_ row: any StoreRow) -> Stored {
        let booking = Booking(
            orderId: row.text(0), slotId: row.text(1), restaurant: row.text(2), tableId: row.text(3),
            startsAt: row.date(4), orderName: row.text(5), customerKey: row.text(6),
            guestName: row.text(7), phone: row.text(8), comment: row.text(9),
            partySize: row.int(10), amount: row.int(11),
            state: BookingState(rawValue: row.text(12)) ?? .needsAttention,
            createdAt: row.date(13), expiresAt: row.date(14), updatedAt: row.date(15),
            paymentKey: row.optionalText(16), paidAt: row.optionalDate(17), method: row.optionalText(18),
            receiptURL: row.optionalText(19), failureCode: row.optionalText(20),
            failureMessage: row.optionalText(21), attentionReason: row.optionalText(22),
            refundAmount: row.optionalInt(23), cancelledAt: row.optionalDate(24), refundReason: row.optionalText(26),
            code: row.optionalText(27) ?? "")
        return Stored(booking: booking, storedState: row.text(25))
    }

    static func booking(_ db: any StoreConnection, orderId: String, now: Date) throws -> Stored? {
        try db.row(selectBooking + " WHERE b.order_id = ?2", [.date(now), .text(orderId)], stored)
    }

    /// The booking with the stored (normalized) booking code `code`.
    static func booking(_ db: any StoreConnection, code: String, now: Date) throws -> Stored? {
        try db.row(selectBooking + " WHERE b.booking_code = ?2", [.date(now), .text(code)], stored)
    }

    /// Gives booking `orderId` a fresh booking code from `newCode`, drawing again while the one
    /// drawn is taken: the unique index decides, inside the caller's transaction (the writer's),
    /// so two bookings can never end up with one code. 31^8 codes make a second draw rare (one
    /// in 850 million per existing booking) and a tenth practically impossible.
    ///
    /// PostgreSQL has no `UPDATE OR IGNORE`: the update skips a code some committed row has,
    /// and a code drawn at the same moment by a concurrent hold (on another slot) fails on the
    /// unique index, which rolls back and retries the whole transaction (`PostgresPool`).
    @discardableResult
    static func assignCode(_ db: any StoreConnection, orderId: String, newCode: () -> String) throws -> String {
        let sql = switch db.dialect {
        case .sqlite: "UPDATE OR IGNORE bookings SET booking_code = ?2 WHERE order_id = ?1"
        case .postgres:
            """
            UPDATE bookings SET booking_code = ?2
            WHERE order_id = ?1 AND NOT EXISTS (SELECT 1 FROM bookings taken WHERE taken.booking_code = ?2)
            """
        }
        for _ in 0..<maxCodeDraws {
            let code = newCode()
            let changed = try db.run(sql, [.text(orderId), .text(code)])
            if changed == 1 { return code }
        }
        throw BookingStoreError.noFreeBookingCode(orderId)
    }

    static let maxCodeDraws = 10

    /// The SQL condition for "this booking row occupies seats at `now`" (`now` bound separately).
    static func occupiesSeats(alias: String, nowParameter: String) -> String {
        """
        (\(alias).state IN ('CONFIRMING', 'PAID', 'NEEDS_ATTENTION', 'CANCELLING')
         OR (\(alias).state = 'READY' AND \(alias).expires_at > \(nowParameter)))
        """
    }

    /// Seats taken in a slot at `now`, not counting `excluding` (a booking being resized).
    static func seatsTaken(_ db: any StoreConnection, slotId: String, now: Date, excluding: String = "") throws -> Int {
        let sql = """
            SELECT COALESCE(SUM(b.party_size), 0) FROM bookings b
            WHERE b.slot_id = ?1 AND b.order_id <> ?3 AND \(occupiesSeats(alias: "b", nowParameter: "?2"))
            """
        return try db.row(sql, [.text(slotId), .date(now), .text(excluding)]) { $0.int(0) } ?? 0
    }

    /// Stores EXPIRED on every READY hold of `slotId` that has lapsed at `now` (but `excluding`).
    /// Called by whatever sells seats, in the same transaction, before it counts them as free:
    /// once a lapsed hold's seats are sold, the hold is EXPIRED for good, so a wall clock
    /// stepped back cannot make it READY again and let it pay for seats someone else has.
    static func expireLapsedHolds(_ db: any StoreConnection, slotId: String, now: Date, excluding: String = "") throws {
        try db.run(
            """
            UPDATE bookings SET state = 'EXPIRED', updated_at = ?2
            WHERE slot_id = ?1 AND state = 'READY' AND expires_at <= ?2 AND order_id <> ?3
            """,
            [.text(slotId), .date(now), .text(excluding)])
    }

    /// True when another booking of the same slot was written at or after `booking`'s expiry:
    /// the hold has lapsed by the clock of whoever wrote it, whatever `now` says (a wall
    /// clock stepped back, another process with another clock).
    static func lapsedByLaterWrites(_ db: any StoreConnection, _ booking: Booking) throws -> Bool {
        let latest = try db.row(
            "SELECT MAX(updated_at) FROM bookings WHERE slot_id = ?1 AND order_id <> ?2",
            [.text(booking.slotId), .text(booking.orderId)]) { $0.optionalDate(0) } ?? nil
        guard let latest else { return false }
        return latest >= booking.expiresAt
    }

    /// `?1` is `now`: every slot column plus the seats taken.
    static let selectSlot = """
        SELECT s.slot_id, s.restaurant, s.table_id, s.starts_at, s.capacity, s.deposit_per_person,
               s.max_party_size, s.order_name, s.retired,
               (SELECT COALESCE(SUM(b.party_size), 0) FROM bookings b
                WHERE b.slot_id = s.slot_id AND \(occupiesSeats(alias: "b", nowParameter: "?1")))
        FROM slots s
        """

    static func availability(_ row: any StoreRow) -> SlotAvailability {
        SlotAvailability(
            slotId: row.text(0), restaurant: row.text(1), tableId: row.text(2), startsAt: row.date(3),
            capacity: row.int(4), seatsTaken: row.int(9), depositPerPerson: row.int(5),
            maxPartySize: row.int(6), orderName: row.text(7), retired: row.int(8) != 0)
    }

    static func slot(_ db: any StoreConnection, slotId: String, now: Date) throws -> SlotAvailability? {
        try db.row(selectSlot + " WHERE s.slot_id = ?2", [.date(now), .text(slotId)], availability)
    }

    /// Moves a booking from the state read (`expected`) to `target`, setting `columns` too.
    /// Compare-and-set: true only if the row still had `expected`.
    static func update(
        _ db: any StoreConnection, orderId: String, expected: String, target: BookingState, now: Date,
        columns: [(String, SQLValue)] = []
    ) throws -> Bool {
        let assignments = (["state = ?3", "updated_at = ?4"] + columns.enumerated().map { "\($1.0) = ?\($0 + 5)" })
            .joined(separator: ", ")
        let sql = "UPDATE bookings SET \(assignments) WHERE order_id = ?1 AND state = ?2"
        let values: [SQLValue] = [.text(orderId), .text(expected), .text(target.rawValue), .date(now)]
            + columns.map(\.1)
        return try db.run(sql, values) == 1
    }
}
