import BookingStore
import Foundation
import TossSandbox
import XCTest
@testable import BookingService

/// Every way a confirm's answer can go missing: the booking is settled from a lookup by
/// orderId, never guessed, and what stays unknown keeps its seats.
final class UnknownOutcomeTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness(totalTimeout: 1) }
    override func tearDown() async throws { await harness.close() }

    func paidThrough(_ fault: FaultPlan.Mode, file: StaticString = #filePath, line: UInt = #line) async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        harness.sandbox.setFaults(FaultPlan(mode: fault, count: 1, operations: [.confirm]))
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), "\(fault): \(page.html)", file: file, line: line)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid, "\(fault)", file: file, line: line)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.applied, 1, "charged exactly once", file: file, line: line)
    }

    /// The naive integration marks this FAILED although the card was charged.
    func testConfirmTimeoutAfterTossAppliedItEndsPaid() async throws {
        try await paidThrough(.applyThenTimeout)
    }

    func testApplyThenDropEndsPaidNotFailed() async throws {
        try await paidThrough(.applyThenDrop)
    }

    /// Toss stores error answers under the Idempotency-Key too (the sandbox does), so a retry under
    /// the same key would only hear the stored 5xx / PROVIDER_ERROR again. Once the lookup shows
    /// IN_PROGRESS (nothing was applied), the one retry goes under a new key: the guest is
    /// booked, and charged exactly once.
    func testA5xxThenALookupShowingNothingAppliedRetriesUnderANewKeyAndIsPaidOnce() async throws {
        for fault in [FaultPlan.Mode.http500, .providerError] {
            let hold = try await harness.hold(partySize: 2)
            let (url, _) = try harness.pay(hold)
            harness.sandbox.setFaults(FaultPlan(mode: fault, count: 1, operations: [.confirm]))
            let page = await harness.visit(url)
            XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), "\(fault): \(page.html)")
            let booking = try await harness.booking(hold.orderId)
            XCTAssertEqual(booking.state, .paid, "\(fault)")
            let log = try await harness.confirmLog(hold.orderId)
            XCTAssertEqual(log.calls, 2, "\(fault): the first call and its retry under a new key")
            XCTAssertEqual(log.applied, 1, "\(fault): charged once")
        }
    }

    func testWhatStaysUnknownIsNeedsAttentionWithSeatsKeptThenTheReconcilerSettlesIt() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        let seatsBefore = try await harness.seatsLeft()
        // The confirm is applied but unanswered, and the lookups go unanswered too.
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, operations: [.confirm, .lookup]))
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("결제를 확인하고 있습니다"), page.html)
        XCTAssertTrue(page.html.contains(hold.orderId))
        var booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .needsAttention)
        harness.clock.advance(by: 60 * 60)  // long past the hold
        // The booking's own slot: `harness.slot` is the first one 48 h ahead of the clock, which
        // an hour later is the next slot whenever one starts 48-49 h from the test's start.
        let seatsKept = try await harness.seatsLeft(slotId: booking.slotId)
        XCTAssertEqual(seatsKept, seatsBefore, "an unknown outcome keeps its seats")

        harness.sandbox.setFaults(FaultPlan())
        let pass = await harness.service.bookings.reconciler.runOnce(force: true)
        XCTAssertEqual(pass.settled, 1)
        booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid, "Toss says DONE, so the booking is PAID")
        let reload = await harness.visit(url)
        XCTAssertTrue(reload.html.contains("예약이 성공하였습니다"))
    }

    func testExpiredPaymentSessionFailsAndFreesTheSeats() async throws {
        let before = try await harness.seatsLeft()
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        harness.sandboxClock.advance(by: 11 * 60)  // Toss's 10-minute confirm window is over
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약에 실패했습니다"), page.html)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .failed)
        XCTAssertEqual(booking.failureCode, "NOT_FOUND_PAYMENT_SESSION")
        let after = try await harness.seatsLeft()
        XCTAssertEqual(after, before)
    }

    func testLatePaymentAfterTheHoldLapsedIsConfirmedWhenSeatsAreStillFree() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        harness.clock.advance(by: 16 * 60)  // the 15-minute hold lapsed
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), page.html)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
    }

    func testLatePaymentIsNotConfirmedWhenTheSeatsWereSoldMeanwhile() async throws {
        let late = try await harness.hold(partySize: 3)
        let (url, _) = try harness.pay(late)
        harness.clock.advance(by: 16 * 60)
        _ = try await harness.hold(partySize: 4)  // someone else takes the whole slot
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약에 실패했습니다"), page.html)
        XCTAssertTrue(page.html.contains("좌석이 마감되어 결제하지 않았습니다"), page.html)
        let log = try await harness.confirmLog(late.orderId)
        XCTAssertEqual(log.calls, 0, "Toss is never confirmed for seats that are gone: nothing is charged")
        let status = await harness.tossStatus(late.orderId)
        XCTAssertEqual(status, "IN_PROGRESS")
    }

    /// The process dies after CONFIRMING is stored and Toss applied the confirm, before the
    /// answer was recorded; on restart the reconciler finds the truth.
    func testCrashBetweenConfirmingAndTheAnswerIsSettledOnRestart() async throws {
        // Here the answer must stay missing until the "crash", however slow the machine is.
        await harness.close()
        harness = try await PaymentHarness(totalTimeout: 60, hangSeconds: 60)
        let hold = try await harness.hold(partySize: 2)
        let (url, paymentKey) = try harness.pay(hold)
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, operations: [.confirm]))
        let harness = self.harness!
        let pending = Task { await harness.visit(url) }
        // Wait until Toss applied it while our request is still waiting for the answer.
        for _ in 0..<200 where await harness.tossStatus(hold.orderId) != "DONE" { try await Task.sleep(for: .milliseconds(10)) }
        let statusAtCrash = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(statusAtCrash, "DONE")
        let atCrash = try await harness.booking(hold.orderId)
        XCTAssertEqual(atCrash.state, .confirming)
        XCTAssertEqual(atCrash.paymentKey, paymentKey)
        try await harness.restart()  // the old process's state is gone; only the database remains
        pending.cancel()
        harness.sandbox.setFaults(FaultPlan())
        harness.clock.advance(by: 60)
        let pass = await harness.service.bookings.reconciler.runOnce()
        XCTAssertEqual(pass.settled, 1)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.applied, 1)
    }
}
