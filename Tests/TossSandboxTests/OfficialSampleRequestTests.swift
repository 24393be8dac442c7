import Foundation
import TossSandbox
import XCTest

/// The requests Toss's official server sample (tosspayments-sample, `express-javascript/server.js`)
/// sends, byte for byte in shape, against the sandbox: its `/confirm/widget` and `/confirm/payment`
/// handlers forward the success redirect's query values, so `amount` is a JSON **string**; the body
/// keys come in the order orderId, amount, paymentKey; the only headers are `Authorization` (Basic
/// with the secret and a colon) and `Content-Type: application/json` (no Idempotency-Key, no
/// Accept-Language). Written here from reading the sample, not copied from it.
final class OfficialSampleRequestTests: XCTestCase {
    /// What the sample's success page hands its server: the redirect's query values, as strings.
    private func redirectQuery(_ redirectURL: String) -> [String: String] {
        let items = URLComponents(string: redirectURL)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    /// `fetch(".../v1/payments/confirm", {method: "POST", headers: {Authorization, "Content-Type"},
    /// body: JSON.stringify({orderId, amount, paymentKey})})` with the values as strings.
    private func sampleConfirm(_ h: SandboxHarness, query: [String: String], secret: String,
                               path: String = "/v1/payments/confirm") async -> SandboxHarness.Reply {
        let body = #"{"orderId":"\#(query["orderId"] ?? "")","amount":"\#(query["amount"] ?? "")","paymentKey":"\#(query["paymentKey"] ?? "")"}"#
        return await h.send("POST", path, rawBody: Array(body.utf8),
                            headers: [("Content-Type", "application/json")], secret: secret)
    }

    /// The sample's `generateRandomString()`: `btoa(String(Math.random())).slice(0, 20)`, which may
    /// end in `=` when the random number's text is short.
    private static func sampleOrderId(_ random: String = "0.12345678901") -> String {
        String(Data(random.utf8).base64EncodedString().prefix(20))
    }

    func testWidgetFlowAsTheOfficialSampleDoesIt() async {
        let h = SandboxHarness()
        let orderId = Self.sampleOrderId()
        XCTAssertTrue(orderId.hasSuffix("="), "the sample's orderIds can end in '=': \(orderId)")
        let session = await h.openSession(orderId: orderId, amount: 50_000, keys: SandboxHarness.widget,
                                          orderName: "토스 티셔츠 외 2건",
                                          successUrl: "http://localhost:4000/widget/success.html",
                                          failUrl: "http://localhost:4000/fail.html", flow: "widget")
        let approved = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        let query = redirectQuery(approved.json["redirectUrl"] as? String ?? "")
        XCTAssertEqual(query["paymentType"], "NORMAL")
        XCTAssertEqual(query["amount"], "50000")
        let reply = await sampleConfirm(h, query: query, secret: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["status"] as? String, "DONE")
        XCTAssertEqual(reply.json["totalAmount"] as? Int, 50_000, "money is a JSON number in the answer")
        XCTAssertEqual(reply.json["orderId"] as? String, orderId)
        // The sample prints the answer and shows it; the fields its pages read are there.
        XCTAssertNotNil(reply.json["paymentKey"] as? String)
        XCTAssertTrue(reply.json.keys.contains("metadata"))
        XCTAssertTrue((reply.json["card"] as? [String: Any])?.keys.contains("interestPayer") ?? false)
        XCTAssertEqual((reply.json["card"] as? [String: Any])?["useCardPoint"] as? Bool, false)
        // A reload of the success page repeats the same request: Toss says already processed.
        let reload = await sampleConfirm(h, query: query, secret: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")
        XCTAssertEqual(reload.code, "ALREADY_PROCESSED_PAYMENT")
    }

    func testPaymentWindowFlowAsTheOfficialSampleDoesIt() async {
        let h = SandboxHarness()
        let orderId = Self.sampleOrderId("0.8372615243098172")
        let session = await h.openSession(orderId: orderId, amount: 50_000, keys: SandboxHarness.api,
                                          orderName: "토스 티셔츠 외 2건",
                                          successUrl: "http://localhost:4000/payment/success.html",
                                          failUrl: "http://localhost:4000/fail.html", flow: "payment")
        let approved = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        let query = redirectQuery(approved.json["redirectUrl"] as? String ?? "")
        XCTAssertNil(query["paymentType"], "only the widget adds paymentType")
        let reply = await sampleConfirm(h, query: query, secret: "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["status"] as? String, "DONE")
    }

    func testTheSampleWithTheOtherProductsSecretIsInvalidApiKey() async {
        let h = SandboxHarness()
        let orderId = Self.sampleOrderId("0.5550001112223")
        let session = await h.openSession(orderId: orderId, amount: 50_000, keys: SandboxHarness.widget)
        let approved = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        let query = redirectQuery(approved.json["redirectUrl"] as? String ?? "")
        // server.js's /confirm/payment (API secret) called for a widget payment.
        let reply = await sampleConfirm(h, query: query, secret: "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R")
        XCTAssertEqual(reply.code, "INVALID_API_KEY")
    }

    func testTheSamplesFailPageGetsCodeAndMessage() async {
        let h = SandboxHarness()
        let session = await h.openSession(orderId: Self.sampleOrderId("0.9990001112223"), amount: 50_000,
                                          failUrl: "http://localhost:4000/fail.html")
        let declined = await h.send("POST", "/__sandbox/sessions/\(session)/decline", secret: nil)
        let query = redirectQuery(declined.json["redirectUrl"] as? String ?? "")
        XCTAssertEqual(query["code"], "REJECT_CARD_COMPANY")
        XCTAssertEqual(query["message"], "결제 승인이 거절되었습니다.")
    }

    /// The original (v1) tutorial confirms with `POST /v1/payments/{paymentKey}` and `{orderId, amount}`.
    func testLegacyTutorialConfirmPath() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, amount: 20_000)
        let reply = await h.send("POST", "/v1/payments/\(key)", json: ["orderId": orderId, "amount": 20_000])
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["status"] as? String, "DONE")
        let log = await h.log(orderId: orderId)
        XCTAssertEqual(log["appliedConfirms"] as? Int, 1, "logged as a confirm")
        let twice = await h.send("POST", "/v1/payments/\(key)", json: ["orderId": orderId, "amount": 20_000])
        XCTAssertEqual(twice.code, "ALREADY_PROCESSED_PAYMENT")
    }

    /// `TossPayments-Test-Code` forces an error on every API with a test key, not only on confirm.
    func testTestCodeWorksOnLookupAndCancel() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId)
        let lookup = await h.send("GET", "/v1/payments/\(key)", headers: [("TossPayments-Test-Code", "NOT_FOUND_PAYMENT")])
        XCTAssertEqual(lookup.status, 404)
        XCTAssertEqual(lookup.code, "NOT_FOUND_PAYMENT")
        let plain = await h.send("GET", "/v1/payments/orders/\(orderId)", headers: [("TossPayments-Test-Code", "NOT_FOUND")])
        XCTAssertEqual(plain.status, 404)
        XCTAssertEqual(plain.code, "NOT_FOUND")
        let cancel = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "test"],
                                  headers: [("TossPayments-Test-Code", "NOT_CANCELABLE_PAYMENT")])
        XCTAssertEqual(cancel.status, 403)
        XCTAssertEqual(cancel.code, "NOT_CANCELABLE_PAYMENT")
        let status = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(status, "DONE", "a forced error touches nothing")
    }
}
