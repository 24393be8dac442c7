import BookingStore
import Foundation
import TestSupport
import TossClient
import TossSandbox
import XCTest
@testable import BookingService

/// What an outside review broke in refunds and redirects, each kept as a test that fails when
/// its fix is removed.
final class MoneyEdgeTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func testARefusedRefundDoesNotBlockTheNextOne() async throws {
        let hold = try await harness.paidBooking()
        let (service, transport) = harness.recordedService()
        transport.addHeader("TossPayments-Test-Code", "NOT_CANCELABLE_PAYMENT", toPathsEndingWith: "/cancel")
        do {
            _ = try await service.bookings.cancel(orderId: hold.orderId, reason: "첫 시도", refund: .full)
            XCTFail("Toss refused")
        } catch let error as BookingError {
            XCTAssertEqual(error, .refundRefused(code: "NOT_CANCELABLE_PAYMENT"))
        }
        transport.removeHeaders()
        // Toss replays a stored refusal for its key for 15 days: the next cancel needs a new one.
        let cancelled = try await service.bookings.cancel(orderId: hold.orderId, reason: "다시 시도", refund: .full)
        XCTAssertEqual(cancelled.state, .cancelled)
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "CANCELED")
    }

    func testADoneReadRacingARefundRefundsNothingExtra() async throws {
        // Inside the penalty window: the policy refunds 16,000 of 20,000.
        let hold = try await harness.paidBooking()
        let paid = try await harness.booking(hold.orderId)
        harness.clock.set(paid.startsAt.addingTimeInterval(-3600))
        _ = try await harness.store.beginCancel(orderId: hold.orderId, refundAmount: 16_000, reason: "손님 요청", now: harness.clock.now)
        // A webhook or the reconciler read the booking as PAID and Toss's payment as DONE just
        // before: applying that DONE must leave the refund to its own flow.
        let lookup = await harness.toss.payment(orderId: hold.orderId)
        let done = try XCTUnwrap(lookup.payment)
        let settlement = PaymentSettlement(store: harness.store, toss: harness.toss, clock: harness.clock,
                                           metrics: ServiceMetrics(), log: { _ in })
        _ = try await settlement.apply(done, to: paid)
        let after = await harness.toss.payment(orderId: hold.orderId).payment
        XCTAssertEqual(after?.status.rawValue, "DONE", "no full 'orphan' refund went out")
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .cancelling)
        XCTAssertEqual(booking.refundAmount, 16_000)
    }

    func testARedirectWithAnotherOrdersProcessedKeyLeavesTheHoldAsItWas() async throws {
        let other = try await harness.paidBooking()
        let otherBooking = try await harness.booking(other.orderId)
        let otherKey = try XCTUnwrap(otherBooking.paymentKey)
        let victim = try await harness.hold(partySize: 2)
        let forged = URL(string: "http://127.0.0.1:1/restaurant/confirm/success/?paymentKey=\(otherKey)&orderId=\(victim.orderId)&amount=\(victim.amount)")!
        let page = await harness.visit(forged)
        XCTAssertEqual(page.status, 400, page.html)
        let booking = try await harness.booking(victim.orderId)
        XCTAssertEqual(booking.state, .ready, "not parked in NEEDS_ATTENTION, where its seats would escape the hold limits")
        let (url, _) = try harness.pay(victim)
        _ = await harness.visit(url)
        let paid = try await harness.booking(victim.orderId)
        XCTAssertEqual(paid.state, .paid)
    }

    func testAVirtualAccountThatCannotBeClosedYetKeepsItsSeatsAndIsNeverFailed() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold, choice: .virtualAccount)
        harness.sandbox.setFaults(FaultPlan(mode: .http500, count: 1, operations: [.cancel]))
        _ = await harness.visit(url)
        let open = try await harness.booking(hold.orderId)
        XCTAssertEqual(open.state, .needsAttention, "a deposit can still arrive: seats kept, not FAILED")
        await harness.service.bookings.reconciler.runOnce(force: true)
        let closed = try await harness.booking(hold.orderId)
        XCTAssertEqual(closed.state, .failed, "closed at the next look, under a fresh key")
        XCTAssertEqual(closed.failureCode, "VIRTUAL_ACCOUNT_NOT_SUPPORTED")
    }

    func testAPartialRefundTossNeverShowedIsAskedAgainOnlyAfterFifteenMinutes() async throws {
        let hold = try await harness.paidBooking()
        harness.sandbox.setFaults(FaultPlan(mode: .timeout, count: 1, operations: [.cancel]))
        let pending = try await harness.service.bookings.cancel(orderId: hold.orderId, reason: "일부 환불", refund: .amount(5_000))
        XCTAssertEqual(pending.state, .cancelling)
        harness.clock.advance(by: 61)
        await harness.service.bookings.reconciler.runOnce(force: true)
        let waiting = try await harness.booking(hold.orderId)
        XCTAssertEqual(waiting.state, .cancelling, "a late original partial cancel could still refund: not asked again after 60 s")
        harness.clock.advance(by: 15 * 60)
        await harness.service.bookings.reconciler.runOnce(force: true)
        let settled = try await harness.booking(hold.orderId)
        XCTAssertEqual(settled.state, .cancelled)
        let payment = await harness.toss.payment(orderId: hold.orderId).payment
        XCTAssertEqual(payment?.balanceAmount, 15_000, "refunded once")
    }

    func testAPaymentApprovedAfterTheSlotBeganIsNotConfirmed() async throws {
        // The guest holds three minutes before the start (the hold is still live at the start).
        let slot = harness.slot
        harness.clock.set(slot.startsAt.addingTimeInterval(-180))
        let hold = try await harness.hold(partySize: 2, slotId: slot.id)
        let held = try await harness.booking(hold.orderId)
        XCTAssertEqual(held.state, .ready)
        XCTAssertGreaterThan(held.expiresAt, slot.startsAt, "the hold is still live when the slot begins")
        let (url, _) = try harness.pay(hold)
        let booking = try await harness.booking(hold.orderId)
        harness.clock.set(booking.startsAt.addingTimeInterval(1))
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약에 실패했습니다"), page.html)
        let failed = try await harness.booking(hold.orderId)
        XCTAssertEqual(failed.state, .failed)
        XCTAssertEqual(failed.failureCode, "SLOT_STARTED")
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.calls, 0, "Toss is not asked: the guest could neither come nor cancel")
    }
}
