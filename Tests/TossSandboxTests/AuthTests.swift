import Foundation
import TossSandbox
import XCTest

/// Basic auth and key kinds exactly as toss-api.md describes them.
final class AuthTests: XCTestCase {
    func testMissingHeaderIsUnauthorizedKey() async {
        let h = SandboxHarness()
        let reply = await h.send("GET", "/v1/payments/orders/order_123456", secret: nil)
        XCTAssertEqual(reply.status, 401)
        XCTAssertEqual(reply.code, "UNAUTHORIZED_KEY")
    }

    func testSecretWithoutColonIsIncorrectBasicAuthFormat() async {
        let h = SandboxHarness()
        let noColon = "Basic " + Data(SandboxHarness.widget.secretKey.utf8).base64EncodedString()
        for header in [noColon, "Bearer " + SandboxHarness.widget.secretKey, "Basic !!!notbase64"] {
            let reply = await h.send("GET", "/v1/payments/orders/order_123456",
                                     headers: [("Authorization", header)], secret: nil)
            XCTAssertEqual(reply.status, 403, header)
            XCTAssertEqual(reply.code, "INCORRECT_BASIC_AUTH_FORMAT", header)
        }
    }

    func testUnknownSecretIsUnauthorizedKey() async {
        let h = SandboxHarness()
        let reply = await h.send("GET", "/v1/payments/orders/order_123456", secret: "test_sk_somebodyElse")
        XCTAssertEqual(reply.status, 401)
        XCTAssertEqual(reply.code, "UNAUTHORIZED_KEY")
    }

    func testDocumentedKeysAndAddedKeysAreAccepted() async {
        let extra = MerchantKeys(clientKey: "test_gck_extraClient", secretKey: "test_gsk_extraSecret")
        let h = SandboxHarness(configuration: SandboxConfiguration(additionalKeys: [extra]))
        for secret in [SandboxHarness.widget.secretKey, SandboxHarness.api.secretKey, extra.secretKey] {
            let reply = await h.send("GET", "/v1/payments/orders/order_123456", secret: secret)
            XCTAssertEqual(reply.code, "NOT_FOUND_PAYMENT", "auth passed, the order just does not exist")
        }
        let orderId = SandboxHarness.newOrderId()
        let session = await h.openSession(orderId: orderId, keys: extra)
        let key = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil).json["paymentKey"] as! String
        let reply = await h.confirm(paymentKey: key, orderId: orderId, secret: extra.secretKey)
        XCTAssertEqual(reply.status, 200, reply.text)
    }

    func testWidgetSessionConfirmedWithAPISecretIsInvalidAPIKey() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, keys: SandboxHarness.widget)
        let wrong = await h.confirm(paymentKey: key, orderId: orderId, secret: SandboxHarness.api.secretKey)
        XCTAssertEqual(wrong.status, 400)
        XCTAssertEqual(wrong.code, "INVALID_API_KEY")
        let value1 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value1, "IN_PROGRESS", "nothing applied")
        let value2 = await h.confirm(paymentKey: key, orderId: orderId).status
        XCTAssertEqual(value2, 200)
    }

    func testAPISessionConfirmedWithWidgetSecretIsInvalidAPIKey() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, keys: SandboxHarness.api)
        let wrong = await h.confirm(paymentKey: key, orderId: orderId, secret: SandboxHarness.widget.secretKey)
        XCTAssertEqual(wrong.code, "INVALID_API_KEY")
        let value3 = await h.confirm(paymentKey: key, orderId: orderId, secret: SandboxHarness.api.secretKey).status
        XCTAssertEqual(value3, 200)
    }

    func testAnotherMerchantsSessionIsNotFound() async {
        let other = MerchantKeys(clientKey: "test_gck_otherShop", secretKey: "test_gsk_otherShop", merchantId: "other")
        let h = SandboxHarness(configuration: SandboxConfiguration(additionalKeys: [other]))
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let confirm = await h.confirm(paymentKey: key, orderId: orderId, secret: other.secretKey)
        XCTAssertEqual(confirm.status, 404)
        XCTAssertEqual(confirm.code, "NOT_FOUND_PAYMENT_SESSION")
        let value4 = await h.lookup(orderId: orderId, secret: other.secretKey).code
        XCTAssertEqual(value4, "NOT_FOUND_PAYMENT")
        let value5 = await h.send("GET", "/v1/payments/\(key)", secret: other.secretKey).status
        XCTAssertEqual(value5, 404)
        let value6 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value6, "IN_PROGRESS")
    }
}
