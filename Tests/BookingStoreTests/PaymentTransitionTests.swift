import BookingStore
import Foundation
import XCTest

final class PaymentTransitionTests: XCTestCase {
    let t0 = StoreFixture.t0
    let slotId = StoreFixture.slot().slotId

    private func heldStore(
        _ fixture: StoreFixture, capacity: Int = 4, party: Int = 2
    ) async throws -> (StoreFixture, any SuiteStore, Booking) {
        let store = try await fixture.store(slots: [StoreFixture.slot(capacity: capacity)])
        let booking = try heldBooking(try await store.hold(StoreFixture.request(party: party, guest: "a")))
        return (fixture, store, booking)
    }

    func testConcurrentConfirmsStartExactlyOnce() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let now = t0 + 60
            let outcomes = try await withThrowingTaskGroup(of: ConfirmStart.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await store.beginConfirm(
                            orderId: booking.orderId, paymentKey: "pk_1", amount: booking.amount, now: now)
                    }
                }
                var all: [ConfirmStart] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let started = outcomes.filter { if case .started = $0 { true } else { false } }
            let inProgress = outcomes.filter { if case .inProgress = $0 { true } else { false } }
            XCTAssertEqual(started.count, 1)
            XCTAssertEqual(inProgress.count, 19)
            let stored = try await store.booking(orderId: booking.orderId, now: now)
            XCTAssertEqual(stored?.state, .confirming)
            XCTAssertEqual(stored?.paymentKey, "pk_1")
        }
    }

    func testAmountMismatchLeavesTheBookingUntouched() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let outcome = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk_1", amount: booking.amount - 1, now: t0 + 60)
            XCTAssertEqual(outcome, .amountMismatch(expected: booking.amount))
            let stored = try await store.booking(orderId: booking.orderId, now: t0)
            XCTAssertEqual(stored, booking)
            let unknown = try await store.beginConfirm(orderId: "nope-nope", paymentKey: "pk", amount: 1, now: t0)
            XCTAssertEqual(unknown, .notFound)
        }
    }

    func testPaidFlowAndRepeatedRedirects() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            _ = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk_1", amount: booking.amount, now: t0)
            let approvedAt = t0 + 90
            let paid = try await store.markPaid(
                orderId: booking.orderId, paymentKey: "pk_1", approvedAt: approvedAt, method: "카드",
                receiptURL: "https://receipt.example/1", now: approvedAt)
            guard case .moved(let after) = paid else { return XCTFail("expected moved, got \(paid)") }
            XCTAssertEqual(after.state, .paid)
            XCTAssertEqual(after.paidAt, approvedAt)
            XCTAssertEqual(after.method, "카드")
            XCTAssertEqual(after.receiptURL, "https://receipt.example/1")

            let again = try await store.markPaid(
                orderId: booking.orderId, paymentKey: "pk_1", approvedAt: approvedAt, method: "카드", receiptURL: nil,
                now: approvedAt + 1)
            XCTAssertEqual(again, .unchanged(after))
            // A reloaded success page long after the hold would have lapsed: same result, seats kept.
            let late = t0 + 3 * StoreFixture.hold
            let reload = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk_1", amount: booking.amount, now: late)
            XCTAssertEqual(reload, .alreadyPaid(after))
            let other = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk_2", amount: booking.amount, now: late)
            XCTAssertEqual(other, .notConfirmable(after))
            let taken = try await store.seatsTaken(slotId, now: late)
            XCTAssertEqual(taken, 2)
        }
    }

    func testMarkFailedReleasesSeats() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            _ = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
            let failed = try await store.markFailed(orderId: booking.orderId, code: "REJECT_CARD_COMPANY", message: "거절", now: t0)
            XCTAssertEqual(failed.booking?.state, .failed)
            XCTAssertEqual(failed.booking?.failureCode, "REJECT_CARD_COMPANY")
            let taken = try await store.seatsTaken(slotId, now: t0)
            XCTAssertEqual(taken, 0)
            let repeatFail = try await store.markFailed(orderId: booking.orderId, code: "X", message: "y", now: t0)
            guard case .unchanged = repeatFail else { return XCTFail("expected unchanged, got \(repeatFail)") }
            let paidAfterFail = try await store.markPaid(
                orderId: booking.orderId, paymentKey: "pk", approvedAt: t0, method: nil, receiptURL: nil, now: t0)
            guard case .notAllowed = paidAfterFail else { return XCTFail("expected notAllowed, got \(paidAfterFail)") }
        }
    }

    func testNeedsAttentionKeepsSeatsPastTheHold() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture, capacity: 2, party: 2)
            _ = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
            let flagged = try await store.markNeedsAttention(orderId: booking.orderId, reason: "timeout", now: t0)
            XCTAssertEqual(flagged.booking?.state, .needsAttention)
            XCTAssertEqual(flagged.booking?.attentionReason, "timeout")
            let late = t0 + 2 * StoreFixture.hold
            let taken = try await store.seatsTaken(slotId, now: late)
            XCTAssertEqual(taken, 2)
            let other = try await store.hold(StoreFixture.request(party: 1, guest: "b"), at: late)
            XCTAssertEqual(other, .soldOut(seatsLeft: 0))
            let unsettled = try await store.unsettled(now: late)
            XCTAssertEqual(unsettled.map(\.orderId), [booking.orderId])
            // The reconciler later learns it was DONE.
            let paid = try await store.markPaid(
                orderId: booking.orderId, paymentKey: "pk", approvedAt: late, method: "카드", receiptURL: nil, now: late)
            XCTAssertEqual(paid.booking?.state, .paid)
            let settled = try await store.unsettled(now: late)
            XCTAssertTrue(settled.isEmpty)
        }
    }

    func testLateConfirmRetakesSeatsWhenStillFree() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture, capacity: 4, party: 2)
            let late = t0 + StoreFixture.hold + 300
            let outcome = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: late)
            guard case .started(let started, _) = outcome else { return XCTFail("expected started, got \(outcome)") }
            XCTAssertEqual(started.state, .confirming)
            let taken = try await store.seatsTaken(slotId, now: late)
            XCTAssertEqual(taken, 2)
        }
    }

    func testLateConfirmFailsWithSeatsGoneWhenTaken() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture, capacity: 4, party: 2)
            let late = t0 + StoreFixture.hold + 60
            let rival = try heldBooking(try await store.hold(StoreFixture.request(party: 3, guest: "b"), at: late))
            let outcome = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: late + 1)
            guard case .seatsGone(let failed) = outcome else { return XCTFail("expected seatsGone, got \(outcome)") }
            XCTAssertEqual(failed.state, .failed)
            XCTAssertEqual(failed.failureCode, Booking.seatsGoneCode)
            let taken = try await store.seatsTaken(slotId, now: late + 1)
            XCTAssertEqual(taken, 3)
            let rivalNow = try await store.booking(orderId: rival.orderId, now: late + 1)
            XCTAssertEqual(rivalNow?.state, .ready)
            let retry = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: late + 2)
            XCTAssertEqual(retry, .notConfirmable(failed))
        }
    }

    func testFailRedirectOnlyFailsHolds() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let failed = try await store.failHold(orderId: booking.orderId, code: "PAY_PROCESS_CANCELED", message: "취소", now: t0)
            XCTAssertEqual(failed.booking?.state, .failed)
            let taken = try await store.seatsTaken(slotId, now: t0)
            XCTAssertEqual(taken, 0)

            let second = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "b")))
            _ = try await store.beginConfirm(orderId: second.orderId, paymentKey: "pk", amount: second.amount, now: t0)
            let refused = try await store.failHold(orderId: second.orderId, code: "PAY_PROCESS_CANCELED", message: "", now: t0)
            guard case .notAllowed(let untouched) = refused else { return XCTFail("got \(refused)") }
            XCTAssertEqual(untouched.state, .confirming)
            let missing = try await store.failHold(orderId: "missing-id", code: "X", message: "", now: t0)
            XCTAssertEqual(missing, .notFound)
        }
    }

    func testCancellationRecordsRefundAndReleasesSeats() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let early = try await store.markCancelled(orderId: booking.orderId, refundAmount: 0, at: t0)
            guard case .notAllowed = early else { return XCTFail("a hold cannot be refunded: \(early)") }
            _ = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0)
            _ = try await store.markPaid(
                orderId: booking.orderId, paymentKey: "pk", approvedAt: t0, method: nil, receiptURL: nil, now: t0)
            let at = t0 + 3_600
            let cancelled = try await store.markCancelled(orderId: booking.orderId, refundAmount: 32_000, at: at)
            XCTAssertEqual(cancelled.booking?.state, .cancelled)
            XCTAssertEqual(cancelled.booking?.refundAmount, 32_000)
            XCTAssertEqual(cancelled.booking?.cancelledAt, at)
            let taken = try await store.seatsTaken(slotId, now: at)
            XCTAssertEqual(taken, 0)
            let again = try await store.markCancelled(orderId: booking.orderId, refundAmount: 32_000, at: at)
            guard case .unchanged = again else { return XCTFail("expected unchanged, got \(again)") }
        }
    }

    func testIdempotencyKeysAreOnePerOrderAndOperation() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let confirm = try await store.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: t0)
            let confirmAgain = try await store.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: t0)
            let cancel = try await store.idempotencyKey(orderId: booking.orderId, operation: .cancel, now: t0)
            XCTAssertEqual(confirm, confirmAgain)
            XCTAssertNotEqual(confirm, cancel)
            XCTAssertLessThanOrEqual(confirm.count, 300)
            do {
                _ = try await store.idempotencyKey(orderId: "missing-id", operation: .confirm, now: t0)
                XCTFail("an unknown order has no key")
            } catch BookingStoreError.unknownOrder {}
        }
    }

    func testConcurrentIdempotencyKeyRequestsAgree() async throws {
        try await eachStore { fixture in
            let (_, store, booking) = try await heldStore(fixture)
            let now = t0
            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await store.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: now) }
                }
                var all = Set<String>()
                for try await key in group { all.insert(key) }
                return all
            }
            XCTAssertEqual(keys.count, 1)
        }
    }
}
