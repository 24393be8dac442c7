import BookingStore
import Foundation
import XCTest

/// Invariant 7 at the store level: what a write acknowledged is in the file after reopening,
/// and the schema is migrated exactly once per file.
final class DurabilityTests: XCTestCase {
    let t0 = StoreFixture.t0

    func testEverythingAcknowledgedIsThereAfterReopen() async throws {
        let fixture = try StoreFixture()
        let first = try fixture.openSQLite()
        XCTAssertEqual(first.migrationsApplied, SQLiteBookingStore.schemaVersion)
        _ = try await first.syncInventory([StoreFixture.slot(capacity: 10)], now: t0)
        var held: [Booking] = []
        for guest in 0..<5 {
            held.append(try heldBooking(try await first.hold(StoreFixture.request(party: 2, guest: "\(guest)"))))
        }
        _ = try await first.beginConfirm(orderId: held[0].orderId, paymentKey: "pk", amount: held[0].amount, now: t0)
        let key = try await first.idempotencyKey(orderId: held[0].orderId, operation: .confirm, now: t0)
        first.close()

        let reopened = try fixture.openSQLite()
        XCTAssertEqual(reopened.migrationsApplied, 0, "reopening must not migrate again")
        for booking in held.dropFirst() {
            let stored = try await reopened.booking(orderId: booking.orderId, now: t0)
            XCTAssertEqual(stored, booking)
        }
        let confirming = try await reopened.booking(orderId: held[0].orderId, now: t0)
        XCTAssertEqual(confirming?.state, .confirming)
        let sameKey = try await reopened.idempotencyKey(orderId: held[0].orderId, operation: .confirm, now: t0)
        XCTAssertEqual(sameKey, key)
        let taken = try await reopened.seatsTaken(StoreFixture.slot().slotId, now: t0)
        XCTAssertEqual(taken, 10)
        let sold = try await reopened.hold(StoreFixture.request(party: 1, guest: "late"))
        XCTAssertEqual(sold, .soldOut(seatsLeft: 0))
    }

    func testClosedStoreRefusesWrites() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot()])
        store.close()
        do {
            _ = try await store.hold(StoreFixture.request(party: 1, guest: "a"))
            XCTFail("a closed store accepted a write")
        } catch BookingStoreError.closed {}
    }

    func testDurabilityDefaultsToSynchronousFull() {
        XCTAssertEqual(SQLiteBookingStore.Options().synchronous, .full)
    }
}
