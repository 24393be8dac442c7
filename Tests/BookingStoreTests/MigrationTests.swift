import Foundation
import TestSupport
import XCTest
@testable import BookingStore

/// A database written by the first schema (before CANCELLING and client addresses) opens with
/// every booking and key intact, and then takes the new state.
final class MigrationTests: XCTestCase {
    func testAFirstSchemaDatabaseKeepsItsBookingsAndKeysAndGainsCancelling() async throws {
        let fixture = try StoreFixture()
        do {
            let old = try SQLiteConnection(path: fixture.path, busyTimeoutMilliseconds: 1000)
            try old.execute("PRAGMA foreign_keys = ON")
            try old.execute(BookingSchema.migrations[0])
            try old.execute("PRAGMA user_version = 1")
            try old.execute("""
                INSERT INTO slots VALUES ('r.t.20270115.1800', 'r', 't', 1800003600, 4, 10000, 4, '식당 예약금', 0);
                INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment, party_size, amount, state,
                    created_at, expires_at, updated_at, payment_key, paid_at)
                VALUES ('AAAAAAAAAAAAAAAAAAAAAAAA', 'r.t.20270115.1800', 'guest-1', '김예약', '01012345678', '창가', 2, 20000,
                    'PAID', 1800000000, 1800000900, 1800000100, 'tpk_old', 1800000100);
                INSERT INTO idempotency_keys VALUES ('AAAAAAAAAAAAAAAAAAAAAAAA', 'confirm', 'key-1', 1800000000);
                """)
        }
        let store = try fixture.openSQLite()
        defer { store.close() }
        XCTAssertEqual(store.migrationsApplied, SQLiteBookingStore.schemaVersion - 1)
        let now = Date(timeIntervalSince1970: 1_800_000_200)
        let booking = try await XCTUnwrapAsync(try await store.booking(orderId: "AAAAAAAAAAAAAAAAAAAAAAAA", now: now))
        XCTAssertEqual(booking.state, .paid)
        XCTAssertEqual(booking.comment, "창가")
        XCTAssertEqual(booking.paymentKey, "tpk_old")
        let key = try await store.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: now)
        XCTAssertEqual(key, "key-1", "keys survive the table rebuild")
        let seats = try await store.availability(slotId: booking.slotId, now: now)?.seatsLeft
        XCTAssertEqual(seats, 2)

        guard case .started(let cancelling, _) = try await store.beginCancel(orderId: booking.orderId, refundAmount: 20_000,
                                                                             reason: "손님 요청", now: now)
        else { return XCTFail("a migrated PAID booking can be refunded") }
        XCTAssertEqual(cancelling.state, .cancelling)
        let seatsWhileCancelling = try await store.availability(slotId: booking.slotId, now: now)?.seatsLeft
        XCTAssertEqual(seatsWhileCancelling, 2, "CANCELLING keeps its seats")
    }
}

/// The queries every hold runs stay cheap as bookings pile up: the seats a slot has taken come
/// from the slot index alone, and a guest's live hold is looked up by customer key.
final class SeatCountPlanTests: XCTestCase {
    func testEveryHoldsQueriesUseIndexesThatDoNotGrowWithTheSlot() throws {
        let fixture = try StoreFixture()
        try fixture.open().close()
        let db = try SQLiteConnection(path: fixture.path, busyTimeoutMilliseconds: 1000)
        for sql in [BookingRecords.selectSlot + " WHERE s.slot_id = ?2",
                    "SELECT 1 FROM bookings b WHERE b.slot_id = ?1 AND " + BookingRecords.occupiesSeats(alias: "b", nowParameter: "?2")] {
            let plan = try db.rows("EXPLAIN QUERY PLAN " + sql, [.int(0), .text("slot")]) { $0.text(3) }
            let bookingsStep = try XCTUnwrap(plan.first { $0.contains(" b ") }, plan.joined(separator: "; "))
            XCTAssertTrue(bookingsStep.contains("USING COVERING INDEX bookings_by_slot"), bookingsStep)
        }
        // The guest's own live hold of the slot is found through the customer index, not by
        // walking every hold of the slot (which the wider slot index tempted SQLite into).
        let plan = try db.rows("EXPLAIN QUERY PLAN " + HoldTransaction.liveHoldSQL, [.text("k"), .text("slot"), .int(0)]) { $0.text(3) }
        XCTAssertTrue(plan.contains { $0.contains("USING INDEX bookings_by_customer") }, plan.joined(separator: "; "))
    }
}

private func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let resolved = try await value()
    return try XCTUnwrap(resolved, file: file, line: line)
}
