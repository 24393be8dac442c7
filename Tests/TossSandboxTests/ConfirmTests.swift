import Foundation
import TossSandbox
import XCTest

/// Payment sessions and `POST /v1/payments/confirm`.
final class ConfirmTests: XCTestCase {
    func testConfirmReturnsTheDocumentedPaymentObject() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, amount: 30_000)
        let value10 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value10, "IN_PROGRESS")

        let reply = await h.confirm(paymentKey: key, orderId: orderId, amount: 30_000)
        XCTAssertEqual(reply.status, 200, reply.text)
        let p = reply.json
        XCTAssertEqual(p["paymentKey"] as? String, key)
        XCTAssertEqual(p["orderId"] as? String, orderId)
        XCTAssertEqual(p["orderName"] as? String, "맛있는 집밥 2인 예약금")
        XCTAssertEqual(p["status"] as? String, "DONE")
        XCTAssertEqual(p["method"] as? String, "카드")
        XCTAssertEqual(p["totalAmount"] as? Int, 30_000)
        XCTAssertEqual(p["balanceAmount"] as? Int, 30_000)
        XCTAssertEqual(p["currency"] as? String, "KRW")
        XCTAssertEqual(p["type"] as? String, "NORMAL")
        XCTAssertEqual(p["mId"] as? String, MerchantKeys.docsMerchantId)
        XCTAssertNotNil(p["version"] as? String)
        XCTAssertTrue(p["cancels"] is NSNull)
        XCTAssertTrue(p["failure"] is NSNull)
        let iso = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$"#
        XCTAssertNotNil((p["approvedAt"] as? String)?.range(of: iso, options: .regularExpression), "\(p["approvedAt"] ?? "")")
        XCTAssertNotNil((p["requestedAt"] as? String)?.range(of: iso, options: .regularExpression))
        let receipt = (p["receipt"] as? [String: Any])?["url"] as? String
        XCTAssertEqual(receipt, "http://127.0.0.1:9090/receipts/\(key)")
        let value11 = await h.send("GET", "/receipts/\(key)", secret: nil).status
        XCTAssertEqual(value11, 200)
    }

    func testSecondConfirmIsAlreadyProcessed() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId)
        let again = await h.confirm(paymentKey: key, orderId: orderId)
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(again.code, "ALREADY_PROCESSED_PAYMENT")
        let value12 = await h.log(orderId: orderId)["appliedConfirms"] as? Int
        XCTAssertEqual(value12, 1)
    }

    func testAmountOrOrderMismatchIsRefusedAndChangesNothing() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, amount: 20_000)
        let tampered = await h.confirm(paymentKey: key, orderId: orderId, amount: 100)
        XCTAssertEqual(tampered.status, 400)
        XCTAssertEqual(tampered.code, "INVALID_REQUEST")
        let otherOrder = await h.confirm(paymentKey: key, orderId: "order_somebodyElse", amount: 20_000)
        XCTAssertEqual(otherOrder.code, "INVALID_REQUEST")
        let value13 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value13, "IN_PROGRESS")
        let value14 = await h.confirm(paymentKey: key, orderId: orderId, amount: 20_000).status
        XCTAssertEqual(value14, 200)
    }

    func testMalformedBodyIsInvalidRequest() async {
        let h = SandboxHarness()
        // A string of digits is accepted (the official sample sends one; see OfficialSampleRequestTests),
        // a string that is not a whole number is not.
        for body: Any in [["paymentKey": "x", "orderId": "order_123456", "amount": "20000.5"],
                          ["paymentKey": "x", "orderId": "order_123456", "amount": "-20000"],
                          ["paymentKey": "x", "orderId": "order_123456", "amount": ""],
                          ["paymentKey": "x", "orderId": "order_123456", "amount": 1.5],
                          ["orderId": "order_123456", "amount": 100]] {
            let reply = await h.send("POST", "/v1/payments/confirm", json: body)
            XCTAssertEqual(reply.status, 400, "\(body)")
            XCTAssertEqual(reply.code, "INVALID_REQUEST")
        }
        let missing = await h.send("POST", "/v1/payments/confirm", json: ["orderId": "order_123456", "amount": 100])
        XCTAssertNotNil((missing.json["message"] as? String)?.range(of: "paymentKey"), "the message names the field")
        let notJSON = await h.send("POST", "/v1/payments/confirm", rawBody: Array("nope".utf8))
        XCTAssertEqual(notJSON.code, "INVALID_REQUEST")
    }

    func testConfirmWindowIsTenMinutesAfterAuthentication() async {
        let h = SandboxHarness()
        let inTime = SandboxHarness.newOrderId()
        let inTimeKey = await h.approvedPayment(orderId: inTime)
        let late = SandboxHarness.newOrderId()
        let lateKey = await h.approvedPayment(orderId: late)
        h.clock.advance(by: 599)
        let value15 = await h.confirm(paymentKey: inTimeKey, orderId: inTime).status
        XCTAssertEqual(value15, 200)
        h.clock.advance(by: 2)
        let reply = await h.confirm(paymentKey: lateKey, orderId: late)
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.code, "NOT_FOUND_PAYMENT_SESSION")
        let lookup = await h.lookup(orderId: late).json
        XCTAssertEqual(lookup["status"] as? String, "EXPIRED")
        XCTAssertEqual((lookup["failure"] as? [String: Any])?["code"] as? String, "EXPIRED_PAYMENT")
    }

    func testAdminClockAdvanceMovesSandboxTime() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let advanced = await h.send("POST", "/__sandbox/clock", json: ["advanceSeconds": 601], secret: nil)
        XCTAssertEqual(advanced.status, 200)
        let value16 = await h.confirm(paymentKey: key, orderId: orderId).code
        XCTAssertEqual(value16, "NOT_FOUND_PAYMENT_SESSION")
    }

    func testUnauthenticatedSessionExpiresAfterThirtyMinutes() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let session = await h.openSession(orderId: orderId)
        let value17 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value17, "READY")
        h.clock.advance(by: 1801)
        let value18 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value18, "EXPIRED")
        let approve = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        XCTAssertEqual(approve.code, "NOT_FOUND_PAYMENT_SESSION")
    }

    func testTestCodeHeaderForcesThatErrorWithItsStatus() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let cases = [("REJECT_CARD_COMPANY", 403), ("PROVIDER_ERROR", 400), ("INVALID_STOPPED_CARD", 400),
                     ("FAILED_INTERNAL_SYSTEM_PROCESSING", 500), ("NOT_FOUND_PAYMENT_SESSION", 404),
                     ("UNAUTHORIZED_KEY", 401)]
        for (code, status) in cases {
            let reply = await h.confirm(paymentKey: key, orderId: orderId, testCode: code)
            XCTAssertEqual(reply.status, status, code)
            XCTAssertEqual(reply.code, code)
            XCTAssertFalse((reply.json["message"] as? String ?? "").isEmpty)
        }
        let value19 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value19, "IN_PROGRESS", "forced errors apply nothing")
        let value20 = await h.confirm(paymentKey: key, orderId: orderId).status
        XCTAssertEqual(value20, 200)
    }

    func testOrderIdCannotOpenANewSessionOnceApproved() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        _ = await h.donePayment(orderId: orderId)
        let reply = await h.send("POST", "/__sandbox/sessions", json: [
            "clientKey": SandboxHarness.widget.clientKey, "orderId": orderId, "orderName": "again", "amount": 100,
            "successUrl": "https://shop.example/s", "failUrl": "https://shop.example/f",
        ], secret: nil)
        XCTAssertEqual(reply.code, "DUPLICATED_ORDER_ID")
    }
}
