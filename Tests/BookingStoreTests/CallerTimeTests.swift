@testable import BookingStore
import Foundation
import XCTest

/// Time-dependent store methods stamp the `now` their caller passes, never the machine's clock:
/// the service runs on an injected clock, and a write that read `Date()` would disagree with it
/// (hold expiry, the reconciler's stale-confirm check and its oldest-first order).
final class CallerTimeTests: XCTestCase {
    let t0 = StoreFixture.t0
    /// Decades away from any real clock, on both sides, so a stray `Date()` cannot match.
    let past = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
    let future = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01

    func testPaymentTransitionsStampTheCallersNow() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 8)])

            let paid = try await confirming(store, guest: "a")
            let flagged = try await store.markNeedsAttention(orderId: paid.orderId, reason: "timeout", now: past)
            XCTAssertEqual(flagged.booking?.updatedAt, past, "markNeedsAttention")
            let settled = try await store.markPaid(
                orderId: paid.orderId, paymentKey: "pk", approvedAt: t0, method: nil, receiptURL: nil, now: future)
            XCTAssertEqual(settled.booking?.updatedAt, future, "markPaid")
            XCTAssertEqual(settled.booking?.paidAt, t0, "approvedAt is Toss's time, not now")

            let refused = try await confirming(store, guest: "b")
            let failed = try await store.markFailed(orderId: refused.orderId, code: "REJECT_CARD_COMPANY", message: "거절", now: past)
            XCTAssertEqual(failed.booking?.updatedAt, past, "markFailed")

            let held = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "c")))
            let released = try await store.failHold(orderId: held.orderId, code: "PAY_PROCESS_CANCELED", message: "", now: future)
            XCTAssertEqual(released.booking?.updatedAt, future, "failHold")

            // What was written, not only what was answered.
            for (orderId, expected) in [(paid.orderId, future), (refused.orderId, past), (held.orderId, future)] {
                let stored = try await store.booking(orderId: orderId, now: t0)
                XCTAssertEqual(stored?.updatedAt, expected)
            }
        }
    }

    func testIdempotencyKeysAreStampedWithTheCallersNow() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 8)])
            let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))

            _ = try await store.idempotencyKey(orderId: booking.orderId, operation: .cancel, now: past)
            let created1 = try await keyCreatedAt(store, booking.orderId, .cancel)
            XCTAssertEqual(created1, past, "idempotencyKey")

            // The confirm key is made inside beginConfirm's transaction, at the confirm's `now`.
            let start = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
            guard case .started = start else { return XCTFail("expected started, got \(start)") }
            let created2 = try await keyCreatedAt(store, booking.orderId, .confirm)
            XCTAssertEqual(created2, t0, "beginConfirm")

            // Asking again returns the stored key and leaves its time alone.
            _ = try await store.idempotencyKey(orderId: booking.orderId, operation: .cancel, now: future)
            let created3 = try await keyCreatedAt(store, booking.orderId, .cancel)
            XCTAssertEqual(created3, past)
        }
    }

    /// A booking moved to CONFIRMING at `t0`.
    private func confirming(_ store: any SuiteStore, guest: String) async throws -> Booking {
        let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: guest)))
        let start = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
        guard case .started(let started, _) = start else {
            XCTFail("expected started, got \(start)")
            throw CancellationError()
        }
        XCTAssertEqual(started.updatedAt, t0)
        return started
    }

    private func keyCreatedAt(_ store: any SuiteStore, _ orderId: String, _ operation: PaymentOperation) async throws -> Date? {
        try await store.query("SELECT created_at FROM idempotency_keys WHERE order_id = ?1 AND operation = ?2",
                              [.text(orderId), .text(operation.rawValue)]) { $0.date(0) }.first
    }
}
