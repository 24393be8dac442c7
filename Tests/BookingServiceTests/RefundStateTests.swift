import BookingStore
import Foundation
import TestSupport
import TossClient
import TossSandbox
import XCTest
@testable import BookingService

/// Invariant 11: a refund is never lost. CANCELLING is committed before Toss's cancel, and the
/// booking is CANCELLED exactly when Toss shows the cancel, whatever happened in between.
final class RefundStateTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func paidBooking() async throws -> PaymentHarness.Hold { try await harness.paidBooking() }

    func guestCancel(_ hold: PaymentHarness.Hold, service: BookingService? = nil) async throws -> (status: Int, body: [String: Any]) {
        var request = harness.request("POST", "/api/bookings/\(hold.orderId)/cancel")
        request.body = Array(try JSONSerialization.data(withJSONObject: ["customerKey": hold.customerKey]))
        request.headers.set("Content-Type", "application/json")
        let response = await (service ?? harness.service).respond(to: request)
        return (response.status, try harness.jsonObject(response))
    }

    func recordedService() -> (BookingService, RecordingTossTransport) { harness.recordedService() }

    func testALostCancelAnswerLeavesCancellingWithItsSeatsAndOnePassSettlesIt() async throws {
        let hold = try await paidBooking()
        let seatsPaid = try await harness.seatsLeft()
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, count: 1, operations: [.cancel]))
        let answer = try await guestCancel(hold)
        XCTAssertEqual(answer.status, 202, "\(answer.body)")
        XCTAssertEqual(answer.body["state"] as? String, "CANCELLING")
        let cancelling = try await harness.booking(hold.orderId)
        XCTAssertEqual(cancelling.state, .cancelling)
        XCTAssertEqual(cancelling.refundAmount, 20_000, "the refund asked of Toss is recorded")
        let seatsWhileCancelling = try await harness.seatsLeft()
        XCTAssertEqual(seatsWhileCancelling, seatsPaid, "seats stay taken until Toss shows the cancel")
        let tossStatus = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(tossStatus, "CANCELED", "Toss applied the cancel; only its answer was lost")

        await harness.service.bookings.reconciler.runOnce(force: true)
        let settled = try await harness.booking(hold.orderId)
        XCTAssertEqual(settled.state, .cancelled, "no booking stays unsettled once Toss shows the cancel")
        XCTAssertEqual(settled.refundAmount, 20_000)
        let seatsAfter = try await harness.seatsLeft()
        XCTAssertEqual(seatsAfter, seatsPaid + 2)
    }

    func testACrashMidRefundIsSettledAfterTheRestart() async throws {
        let hold = try await paidBooking()
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, count: 1, operations: [.cancel]))
        _ = try await guestCancel(hold)
        try await harness.restart()  // the process dies with its answer lost; a new one opens the file
        let afterRestart = try await harness.booking(hold.orderId)
        XCTAssertEqual(afterRestart.state, .cancelling, "the refund survived the crash as a state")
        await harness.service.bookings.reconciler.runOnce(force: true)
        let settled = try await harness.booking(hold.orderId)
        XCTAssertEqual(settled.state, .cancelled)
    }

    func testACancelTossNeverAppliedIsAskedAgainUnderANewKeyOnlyOnceTheFirstHasSurelyEnded() async throws {
        let hold = try await paidBooking()
        harness.sandbox.setFaults(FaultPlan(mode: .timeout, count: 1, operations: [.cancel]))
        let answer = try await guestCancel(hold)
        XCTAssertEqual(answer.status, 202)
        let firstKey = try await harness.store.idempotencyKey(orderId: hold.orderId, operation: .cancel, now: harness.clock.now)
        let (service, transport) = recordedService()

        await service.bookings.reconciler.runOnce(force: true)
        let stillCancelling = try await harness.booking(hold.orderId)
        XCTAssertEqual(stillCancelling.state, .cancelling)
        XCTAssertFalse(transport.calls.contains { $0.path.hasSuffix("/cancel") }, "the first cancel may still be in flight: not asked again yet")

        harness.clock.advance(by: 61)
        await service.bookings.reconciler.runOnce(force: true)
        let settled = try await harness.booking(hold.orderId)
        XCTAssertEqual(settled.state, .cancelled)
        let retry = try XCTUnwrap(transport.calls.first { $0.path.hasSuffix("/cancel") })
        XCTAssertNotEqual(retry.idempotencyKey, firstKey, "the old key would only replay the old answer")
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "CANCELED")
    }

    func testADefiniteRefusalPutsTheBookingBackToPaidWithItsSeats() async throws {
        let hold = try await paidBooking()
        let (service, transport) = recordedService()
        transport.addHeader("TossPayments-Test-Code", "NOT_CANCELABLE_PAYMENT", toPathsEndingWith: "/cancel")
        let answer = try await guestCancel(hold, service: service)
        XCTAssertEqual(answer.status, 409, "\(answer.body)")
        XCTAssertEqual((answer.body["error"] as? [String: Any])?["code"] as? String, "REFUND_REFUSED")
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid, "Toss refused: the booking stands and keeps its seats")
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "DONE")
    }

    func testAGuestCannotCancelAPaidBookingFromItsStart() async throws {
        let hold = try await paidBooking()
        let booking = try await harness.booking(hold.orderId)
        harness.clock.set(booking.startsAt.addingTimeInterval(2))
        let shown = await harness.api("GET", "/api/bookings/\(hold.orderId)", headers: [("X-Customer-Key", hold.customerKey)])
        XCTAssertNil(try harness.jsonObject(shown)["refundIfCancelledNow"], "no refund is offered after the start")
        let answer = try await guestCancel(hold)
        XCTAssertEqual(answer.status, 409)
        XCTAssertEqual((answer.body["error"] as? [String: Any])?["code"] as? String, "TOO_LATE_TO_CANCEL")
        let after = try await harness.booking(hold.orderId)
        XCTAssertEqual(after.state, .paid)
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "DONE", "nothing refunded after dinner")
    }

    func testStaffChooseTheRefund() async throws {
        let full = try await paidBooking()
        let booking = try await harness.booking(full.orderId)
        harness.clock.set(booking.startsAt.addingTimeInterval(-3600))  // inside the 24 h / 20% window
        let preview = try await harness.service.bookings.refundPreview(orderId: full.orderId, refund: .policy)
        XCTAssertEqual(preview.refund, 16_000)
        let cancelled = try await harness.service.bookings.cancel(orderId: full.orderId, reason: "주방 사정", refund: .full)
        XCTAssertEqual(cancelled.state, .cancelled)
        XCTAssertEqual(cancelled.refundAmount, 20_000, "a cancellation the restaurant causes refunds in full")

        let partial = try await paidBooking()
        do {
            _ = try await harness.service.bookings.cancel(orderId: partial.orderId, reason: "x", refund: .amount(20_001))
            XCTFail("a refund above the deposit is refused")
        } catch let error as BookingError {
            XCTAssertEqual(error, .invalidRefund(max: 20_000))
        }
        let some = try await harness.service.bookings.cancel(orderId: partial.orderId, reason: "일부 환불", refund: .amount(5_000))
        XCTAssertEqual(some.refundAmount, 5_000)
        let payment = await harness.toss.payment(orderId: partial.orderId).payment
        XCTAssertEqual(payment?.balanceAmount, 15_000)
    }
}
