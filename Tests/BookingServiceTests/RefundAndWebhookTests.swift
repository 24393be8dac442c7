import BookingStore
import Foundation
import TossSandbox
import XCTest
@testable import BookingService

/// Cancellation with refunds through Toss, the webhook, and who may see a booking.
final class RefundAndWebhookTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func paidBooking(partySize: Int = 2) async throws -> PaymentHarness.Hold { try await harness.paidBooking(partySize: partySize) }

    func cancel(_ hold: PaymentHarness.Hold, customerKey: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        let response = await harness.api("POST", "/api/bookings/\(hold.orderId)/cancel",
                                         json: ["customerKey": customerKey ?? hold.customerKey])
        return (response.status, try harness.jsonObject(response))
    }

    func testCancellingBeforeTheWindowRefundsTheWholeDeposit() async throws {
        let hold = try await paidBooking()
        let seatsBefore = try await harness.seatsLeft()
        let answer = try await cancel(hold)
        XCTAssertEqual(answer.status, 200, "\(answer.body)")
        XCTAssertEqual(answer.body["state"] as? String, "CANCELLED")
        XCTAssertEqual(answer.body["refundAmount"] as? Int, 20_000)
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "CANCELED")
        let seatsAfter = try await harness.seatsLeft()
        XCTAssertEqual(seatsAfter, seatsBefore + 2, "the seats are sold again")
    }

    func testCancellingInsideTheWindowKeepsThePenalty() async throws {
        let hold = try await paidBooking()
        let booking = try await harness.booking(hold.orderId)
        harness.clock.set(booking.startsAt.addingTimeInterval(-2 * 3600))  // 2 hours before, policy is 24 h / 20%
        let answer = try await cancel(hold)
        XCTAssertEqual(answer.status, 200, "\(answer.body)")
        XCTAssertEqual(answer.body["refundAmount"] as? Int, 16_000)
        let payment = await harness.toss.payment(orderId: hold.orderId).payment
        XCTAssertEqual(payment?.status.rawValue, "PARTIAL_CANCELED")
        XCTAssertEqual(payment?.balanceAmount, 4_000, "Toss keeps exactly the penalty")
        // A repeated cancel (a lost answer, a second click) answers the same and does not refund twice.
        let again = try await cancel(hold)
        XCTAssertEqual(again.status, 200, "\(again.body)")
        XCTAssertEqual(again.body["state"] as? String, "CANCELLED")
        XCTAssertEqual(again.body["refundAmount"] as? Int, 16_000)
        let after = await harness.toss.payment(orderId: hold.orderId).payment
        XCTAssertEqual(after?.balanceAmount, 4_000)
    }

    func testSomeoneElsesBookingCannotBeReadOrCancelled() async throws {
        let hold = try await paidBooking()
        let mine = await harness.api("GET", "/api/bookings/\(hold.orderId)", headers: [("X-Customer-Key", hold.customerKey)])
        XCTAssertEqual(mine.status, 200)
        XCTAssertEqual(try harness.jsonObject(mine)["state"] as? String, "PAID")
        let theirs = await harness.api("GET", "/api/bookings/\(hold.orderId)", headers: [("X-Customer-Key", "guest_intruder")])
        XCTAssertEqual(theirs.status, 404)
        let noKey = await harness.api("GET", "/api/bookings/\(hold.orderId)")
        XCTAssertEqual(noKey.status, 404)
        let answer = try await cancel(hold, customerKey: "guest_intruder")
        XCTAssertEqual(answer.status, 404)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "DONE", "nothing was refunded")
    }

    func testAGuestCanReleaseAnUnpaidHold() async throws {
        let hold = try await harness.hold(partySize: 2)
        let answer = try await cancel(hold)
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.body["state"] as? String, "FAILED")
        let seats = try await harness.seatsLeft()
        XCTAssertEqual(seats, 4)
    }

    func webhook(_ body: [String: Any]) async -> Int {
        await harness.api("POST", "/webhooks/toss", json: body).status
    }

    func testAWebhookWithAForgedStatusChangesNothing() async throws {
        // Toss knows this payment as IN_PROGRESS (the buyer approved; we have not confirmed).
        let hold = try await harness.hold(partySize: 2)
        let (_, paymentKey) = try harness.pay(hold)
        let forged = await webhook(["eventType": "PAYMENT_STATUS_CHANGED", "createdAt": "2026-12-01T10:00:00+09:00",
                                    "data": ["paymentKey": paymentKey!, "orderId": hold.orderId, "status": "DONE", "totalAmount": hold.amount]])
        XCTAssertEqual(forged, 200)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .ready, "the body's DONE is not believed; Toss says IN_PROGRESS")

        // A paid booking is not cancelled by a body that claims CANCELED.
        let paid = try await paidBooking()
        let paidKey = try await harness.booking(paid.orderId).paymentKey!
        let claim = await webhook(["eventType": "PAYMENT_STATUS_CHANGED", "data": ["paymentKey": paidKey, "orderId": paid.orderId, "status": "CANCELED"]])
        XCTAssertEqual(claim, 200)
        let stillPaid = try await harness.booking(paid.orderId)
        XCTAssertEqual(stillPaid.state, .paid)
    }

    func testAWebhookAppliesTheTruthIdempotently() async throws {
        // The confirm's answer was lost and the lookup failed: the booking waits as NEEDS_ATTENTION.
        let hold = try await harness.hold(partySize: 2)
        let (url, paymentKey) = try harness.pay(hold)
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, operations: [.confirm, .lookup]))
        _ = await harness.visit(url)
        harness.sandbox.setFaults(FaultPlan())
        let waiting = try await harness.booking(hold.orderId)
        XCTAssertEqual(waiting.state, .needsAttention)
        let event: [String: Any] = ["eventType": "PAYMENT_STATUS_CHANGED", "data": ["paymentKey": paymentKey!, "orderId": hold.orderId]]
        let first = await webhook(event)
        let second = await webhook(event)
        XCTAssertEqual([first, second], [200, 200])
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
    }

    /// A goodwill refund of part of the deposit made in Toss's console (not through Yeyak): the
    /// guest still paid the rest and is still booked, so the seats stay sold (an outside review
    /// saw the booking cancelled, its seats resold and a cancellation text sent).
    func testAPartialRefundMadeAtTossKeepsTheBookingAndItsSeats() async throws {
        let hold = try await harness.paidBooking(partySize: 2)
        let seatsBefore = try await harness.seatsLeft()
        let paidBooking = try await harness.booking(hold.orderId)
        let paymentKey = try XCTUnwrap(paidBooking.paymentKey)
        let refund = await harness.toss.cancel(paymentKey: paymentKey, reason: "사과의 뜻으로 일부 환불", amount: 5_000,
                                               idempotencyKey: "console-refund-1")
        XCTAssertEqual(refund.payment?.status.rawValue, "PARTIAL_CANCELED")
        let status = await webhook(["eventType": "PAYMENT_STATUS_CHANGED", "data": ["paymentKey": paymentKey, "orderId": hold.orderId]])
        XCTAssertEqual(status, 200)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid, "still booked: the guest paid the balance")
        let seatsAfter = try await harness.seatsLeft()
        XCTAssertEqual(seatsAfter, seatsBefore, "the seats stay sold")
    }

    func testMalformedAndUnknownWebhooks() async throws {
        var request = harness.request("POST", "/webhooks/toss")
        request.body = Array("not json".utf8)
        let malformed = await harness.service.respond(to: request)
        XCTAssertEqual(malformed.status, 400)
        let unknown = await webhook(["eventType": "PAYMENT_STATUS_CHANGED", "data": ["paymentKey": "tgen_unknown_payment"]])
        XCTAssertEqual(unknown, 200, "unknown payments are logged and acknowledged")
    }
}
