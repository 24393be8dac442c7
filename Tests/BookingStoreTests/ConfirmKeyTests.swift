@testable import BookingStore
import Foundation
import XCTest

/// The confirm's Idempotency-Key is written by the same transaction that moves the booking to
/// CONFIRMING, so the confirm path costs one durable commit before Toss is called, not two, and
/// a crash between the two can never leave a CONFIRMING booking without its key.
final class ConfirmKeyTests: XCTestCase {
    let t0 = StoreFixture.t0

    func testBeginConfirmStoresTheConfirmKeyWithTheMove() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot(capacity: 4)])
        let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
        let before = try store.readers.read { try IdempotencyKeys.stored($0, orderId: booking.orderId, operation: .confirm) }
        XCTAssertNil(before, "a hold has no confirm key yet")

        let start = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
        guard case .started(_, let returnedKey) = start else { return XCTFail("expected started, got \(start)") }
        store.close()

        let reopened = try fixture.openSQLite()
        let stored = try reopened.readers.read { try IdempotencyKeys.stored($0, orderId: booking.orderId, operation: .confirm) }
        let key = try XCTUnwrap(stored, "beginConfirm must store the confirm key in its own transaction")
        let asked = try await reopened.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: t0)
        XCTAssertEqual(asked, key)
        XCTAssertEqual(returnedKey, key, "beginConfirm returns the key it stored, so the confirm call sends that one")
        let cancelKey = try reopened.readers.read { try IdempotencyKeys.stored($0, orderId: booking.orderId, operation: .cancel) }
        XCTAssertNil(cancelKey, "only the confirm key is made in advance")
    }

    func testARefusedStartStoresNoKey() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot(capacity: 4)])
        let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
        let start = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount + 1, now: t0)
        guard case .amountMismatch = start else { return XCTFail("expected amountMismatch, got \(start)") }
        let stored = try store.readers.read { try IdempotencyKeys.stored($0, orderId: booking.orderId, operation: .confirm) }
        XCTAssertNil(stored)
    }
}
