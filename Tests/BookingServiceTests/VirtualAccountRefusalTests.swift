import BookingStore
import Foundation
import TossSandbox
import XCTest
@testable import BookingService

/// Virtual accounts (가상계좌) are refused cleanly: a payment that confirms to WAITING_FOR_DEPOSIT
/// fails its booking (seats back, the account closed at Toss) instead of waiting in
/// NEEDS_ATTENTION, and Toss's DEPOSIT_CALLBACK is acknowledged with 200 so it is not retried.
final class VirtualAccountRefusalTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func testWaitingForDepositFailsTheBookingAndClosesTheAccount() async throws {
        let before = try await harness.seatsLeft()
        let hold = try await harness.hold(partySize: 2)
        let (url, paymentKey) = try harness.pay(hold, choice: .virtualAccount)
        let page = await harness.visit(url)
        XCTAssertTrue(page.html.contains("예약에 실패했습니다"), page.html)
        XCTAssertTrue(page.html.contains("가상계좌 결제는 지원하지 않습니다"), page.html)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .failed, "never NEEDS_ATTENTION")
        XCTAssertEqual(booking.failureCode, "VIRTUAL_ACCOUNT_NOT_SUPPORTED")
        let after = try await harness.seatsLeft()
        XCTAssertEqual(after, before, "the seats are free again")
        let lookup = await harness.sandbox.respond(to: harness.request("GET", "/v1/payments/\(paymentKey ?? "")",
            headers: [("Authorization", "Basic " + Data("test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6:".utf8).base64EncodedString())]))
        let status = (try? JSONSerialization.jsonObject(with: Data(lookup.body)) as? [String: Any])?["status"] as? String
        XCTAssertEqual(status, "CANCELED", "the unpaid account is closed, so nothing can be deposited")
    }

    func testDepositCallbackIsAcknowledged() async throws {
        var request = harness.request("POST", "/webhooks/toss", headers: [("Content-Type", "application/json")])
        request.body = Array(#"{"createdAt":"2026-01-02T14:46:59.65327","secret":"ps_abc","status":"DONE","transactionKey":"tx_1","orderId":"order_unknown1"}"#.utf8)
        let response = await harness.service.respond(to: request)
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
        // A body that is neither event is still refused.
        var junk = harness.request("POST", "/webhooks/toss", headers: [("Content-Type", "application/json")])
        junk.body = Array(#"{"hello":"world"}"#.utf8)
        let refused = await harness.service.respond(to: junk)
        XCTAssertEqual(refused.status, 400)
    }
}
