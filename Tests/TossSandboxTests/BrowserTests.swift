import Foundation
import TossSandbox
import XCTest

/// The SDK script, the payment window and the redirects back to the merchant.
final class BrowserTests: XCTestCase {
    func testSDKScriptIsJavaScriptWithTheDocumentedCalls() async {
        let h = SandboxHarness()
        let reply = await h.send("GET", "/v2/standard", secret: nil)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.response.headers["Content-Type"], "application/javascript; charset=utf-8")
        for name in ["TossPayments", "widgets", "setAmount", "renderPaymentMethods", "renderAgreement",
                     "requestPayment", "payment", "ANONYMOUS", "customerKey", "/__sandbox/sessions", "SANDBOX"] {
            XCTAssertTrue(reply.text.contains(name), name)
        }
    }

    func testPaymentWindowShowsOrderEscapedAndOffersThreeChoices() async {
        let h = SandboxHarness()
        let session = await h.openSession(amount: 20_000, orderName: "<script>alert('x')</script> & \"집밥\"")
        let page = await h.send("GET", "/payment-window/\(session)", secret: nil)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.response.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.text.contains("SANDBOX"))
        XCTAssertTrue(page.text.contains("20,000원"))
        XCTAssertTrue(page.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;집밥&quot;"))
        XCTAssertFalse(page.text.contains("<script>alert"))
        for id in ["approve", "decline", "cancel"] {
            XCTAssertTrue(page.text.contains("id=\"\(id)\""), id)
            XCTAssertTrue(page.text.contains("action=\"/payment-window/\(session)/\(id)\""), id)
        }
        let value7 = await h.send("GET", "/payment-window/nope", secret: nil).status
        XCTAssertEqual(value7, 404)
    }

    func testApproveRedirectsToSuccessUrlExactly() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let session = await h.openSession(orderId: orderId, amount: 40_000,
                                          successUrl: "https://shop.example/restaurant/confirm/success/?lang=ko")
        let reply = await h.send("POST", "/payment-window/\(session)/approve", secret: nil)
        XCTAssertEqual(reply.status, 303)
        let key = await h.lookup(orderId: orderId).json["paymentKey"] as! String
        XCTAssertEqual(reply.response.headers["Location"],
                       "https://shop.example/restaurant/confirm/success/?lang=ko&paymentType=NORMAL&orderId=\(orderId)&paymentKey=\(key)&amount=40000")
        let twice = await h.send("POST", "/payment-window/\(session)/approve", secret: nil)
        XCTAssertEqual(twice.status, 409, "a window acts once")
    }

    func testDeclineAndCancelRedirectToFailUrlWithCodeAndMessage() async {
        let h = SandboxHarness()
        for (choice, code, message) in [("decline", "REJECT_CARD_COMPANY", "결제 승인이 거절되었습니다."),
                                        ("cancel", "PAY_PROCESS_CANCELED", "사용자에 의해 결제가 취소되었습니다.")] {
            let orderId = SandboxHarness.newOrderId()
            let session = await h.openSession(orderId: orderId, failUrl: "https://shop.example/failed")
            let reply = await h.send("POST", "/payment-window/\(session)/\(choice)", secret: nil)
            XCTAssertEqual(reply.status, 303)
            let encoded = message.addingPercentEncoding(withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"))!
            XCTAssertEqual(reply.response.headers["Location"],
                           "https://shop.example/failed?code=\(code)&message=\(encoded)&orderId=\(orderId)")
        }
    }

    func testPaymentFlowOmitsPaymentType() {
        XCTAssertEqual(RedirectURL.success("https://a.example/ok", orderId: "order_1", paymentKey: "pk", amount: 100, flow: .payment),
                       "https://a.example/ok?orderId=order_1&paymentKey=pk&amount=100")
        XCTAssertEqual(RedirectURL.success("https://a.example/ok?x=1#top", orderId: "o-1_A", paymentKey: "p k", amount: 5, flow: .widget),
                       "https://a.example/ok?x=1&paymentType=NORMAL&orderId=o-1_A&paymentKey=p%20k&amount=5#top")
        XCTAssertEqual(RedirectURL.failure("https://a.example/f?", code: "C", message: "a&b=c", orderId: "o"),
                       "https://a.example/f?code=C&message=a%26b%3Dc&orderId=o")
    }

    func testSessionEndpointAnswersCORSForAnyOrigin() async {
        let h = SandboxHarness()
        let preflight = await h.send("OPTIONS", "/__sandbox/sessions",
                                     headers: [("Origin", "http://127.0.0.1:8080"),
                                               ("Access-Control-Request-Method", "POST")], secret: nil)
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.response.headers["Access-Control-Allow-Origin"], "*")
        XCTAssertTrue(preflight.response.headers["Access-Control-Allow-Methods"]?.contains("POST") ?? false)
        XCTAssertTrue(preflight.response.headers["Access-Control-Allow-Headers"]?.contains("Content-Type") ?? false)
        let bad = await h.send("POST", "/__sandbox/sessions", json: ["clientKey": "nope"], secret: nil)
        XCTAssertEqual(bad.response.headers["Access-Control-Allow-Origin"], "*", "errors readable by the SDK too")
    }

    func testSessionEndpointValidatesLikeTheSDK() async {
        let h = SandboxHarness()
        let good: [String: Any] = [
            "clientKey": SandboxHarness.widget.clientKey, "orderId": "order_123456", "orderName": "예약금",
            "amount": 10_000, "successUrl": "https://s.example/ok", "failUrl": "https://s.example/fail",
        ]
        let cases: [(String, Any, String)] = [
            ("orderId", "short", "INVALID_REQUEST"), ("orderId", "order 123456", "INVALID_REQUEST"),
            ("amount", 0, "INVALID_REQUEST"), ("successUrl", "/ok", "INVALID_REQUEST"),
            ("clientKey", "test_gck_unknown", "UNAUTHORIZED_KEY"),
            ("clientKey", SandboxHarness.api.clientKey, "INVALID_CLIENT_KEY"),
        ]
        for (field, value, code) in cases {
            var body = good
            body[field] = value
            let reply = await h.send("POST", "/__sandbox/sessions", json: body, secret: nil)
            XCTAssertEqual(reply.code, code, "\(field)=\(value)")
        }
        let ok = await h.send("POST", "/__sandbox/sessions", json: good, secret: nil)
        XCTAssertEqual(ok.status, 201)
        let path = ok.json["paymentWindowPath"] as? String ?? ""
        XCTAssertTrue(path.hasPrefix("/payment-window/sess_"))
        XCTAssertEqual(ok.json["paymentWindowUrl"] as? String, "http://127.0.0.1:9090" + path)
    }

    func testAdminApproveHookPlaysTheBuyer() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let session = await h.openSession(orderId: orderId)
        let reply = await h.send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        let key = reply.json["paymentKey"] as? String ?? ""
        XCTAssertFalse(key.isEmpty)
        XCTAssertEqual(reply.json["redirectUrl"] as? String,
                       "https://shop.example/restaurant/confirm/success/?paymentType=NORMAL&orderId=\(orderId)&paymentKey=\(key)&amount=20000")
        let value8 = await h.confirm(paymentKey: key, orderId: orderId).status
        XCTAssertEqual(value8, 200)
    }
}
