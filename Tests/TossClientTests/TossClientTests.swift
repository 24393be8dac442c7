import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest

/// The client against the sandbox, in-process: what each answer means for a booking.
final class TossClientTests: XCTestCase {
    func testConfirmDoneDecodesThePayment() async {
        let h = ClientHarness()
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId, amount: 60_000)
        let result = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 60_000, idempotencyKey: "c-1")
        guard case .done(let payment) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(payment.status, .done)
        XCTAssertEqual(payment.paymentKey, key)
        XCTAssertEqual(payment.orderId, orderId)
        XCTAssertEqual(payment.totalAmount, 60_000)
        XCTAssertEqual(payment.balanceAmount, 60_000)
        XCTAssertEqual(payment.method, "카드")
        XCTAssertEqual(payment.currency, "KRW")
        XCTAssertTrue(payment.approvedAt?.hasSuffix("+09:00") ?? false)
        XCTAssertEqual(payment.approvedDate, h.clock.now)
        XCTAssertEqual(payment.receipt?.url, "http://127.0.0.1:9090/receipts/\(key)")
        XCTAssertEqual(payment.cancels, [])
        XCTAssertNil(payment.failure)
    }

    func testSecondConfirmIsAlreadyProcessedAndLookupsShowTheTruth() async {
        let h = ClientHarness()
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        _ = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        let again = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        guard case .alreadyProcessed = again else { return XCTFail("\(again)") }
        let byOrder = await h.client.payment(orderId: orderId)
        let byKey = await h.client.payment(paymentKey: key)
        XCTAssertEqual(byOrder.payment?.status, .done)
        XCTAssertEqual(byKey.payment?.orderId, orderId)
        let missing = await h.client.payment(orderId: "order_missing")
        XCTAssertEqual(missing, .refused(code: "NOT_FOUND_PAYMENT", message: "존재하지 않는 결제 정보 입니다.", httpStatus: 404))
    }

    func testCardRefusalAndExpiredSessionAreRefused() async {
        let h = ClientHarness()
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan())
        // A forced card refusal goes through the test-code header; drive it via a responder wrapper.
        let refusing = TossClient(
            configuration: h.client.configuration,
            transport: ResponderTossTransport(ClosureResponder { request in
                var request = request
                request.headers.set("TossPayments-Test-Code", "REJECT_CARD_COMPANY")
                return await h.sandbox.respond(to: request)
            }))
        let refused = await refusing.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        guard case .refused(let code, let message, let status) = refused else { return XCTFail("\(refused)") }
        XCTAssertEqual(code, "REJECT_CARD_COMPANY")
        XCTAssertEqual(status, 403)
        XCTAssertFalse(message.isEmpty)

        h.clock.advance(by: 601)
        let expired = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        guard case .refused("NOT_FOUND_PAYMENT_SESSION", _, 404) = expired else { return XCTFail("\(expired)") }
    }

    func testServerTroubleIsUnknownOutcome() async {
        let h = ClientHarness()
        for mode in [FaultPlan.Mode.http500, .providerError, .applyThenDrop] {
            let orderId = ClientHarness.newOrderId()
            let key = h.approvedPayment(orderId: orderId)
            h.sandbox.setFaults(FaultPlan(mode: mode, count: 1, operations: [.confirm]))
            let result = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: "k-\(mode)")
            guard case .unknownOutcome = result else { return XCTFail("\(mode): \(result)") }
        }
    }

    func testApplyThenDropThenRetryWithSameKeyHearsTheSuccess() async {
        let h = ClientHarness()
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .applyThenDrop, count: 1, operations: [.confirm]))
        let lost = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: "same")
        XCTAssertEqual(lost, .unknownOutcome(reason: "connection closed without an answer"))
        let retry = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: "same")
        XCTAssertEqual(retry.payment?.status, .done)
    }

    func testTimeoutIsUnknownOutcome() async {
        let h = ClientHarness(sandboxConfiguration: SandboxConfiguration(hangSeconds: 600), totalTimeout: 0.2)
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, count: 1, operations: [.confirm]))
        let result = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        XCTAssertEqual(result, .unknownOutcome(reason: "timed out"))
        let lookup = await h.client.payment(orderId: orderId)
        XCTAssertEqual(lookup.payment?.status, .done, "the lookup tells what the timeout hid")
    }

    func testCancelPartialAndFull() async {
        let h = ClientHarness()
        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        _ = await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil)
        let partial = await h.client.cancel(paymentKey: key, reason: "위약금 공제", amount: 4_000, idempotencyKey: "r-1")
        XCTAssertEqual(partial.payment?.status, .partialCanceled)
        XCTAssertEqual(partial.payment?.balanceAmount, 16_000)
        XCTAssertEqual(partial.payment?.cancels.first?.cancelAmount, 4_000)
        let full = await h.client.cancel(paymentKey: key, reason: "예약 취소", amount: nil, idempotencyKey: "r-2")
        XCTAssertEqual(full.payment?.status, .canceled)
        XCTAssertEqual(full.payment?.cancels.count, 2)
        let again = await h.client.cancel(paymentKey: key, reason: "again", amount: nil, idempotencyKey: "r-3")
        guard case .refused("ALREADY_CANCELED_PAYMENT", _, 400) = again else { return XCTFail("\(again)") }
    }

    func testRequestCarriesBasicAuthLanguageAndIdempotencyKey() async {
        let captured = CapturedRequests()
        let configuration = TossClientConfiguration(secretKey: "test_sk_abc", baseURL: URL(string: "http://toss.test/")!,
                                                    acceptLanguage: "en-US")
        let client = TossClient(configuration: configuration, transport: ResponderTossTransport(ClosureResponder {
            captured.append($0)
            return .json(404, #"{"code":"NOT_FOUND_PAYMENT","message":"no"}"#)
        }))
        _ = await client.confirm(paymentKey: "pk_1", orderId: "order_123456", amount: 20_000, idempotencyKey: "idem-9")
        _ = await client.payment(orderId: "order_123456")
        _ = await client.cancel(paymentKey: "pk_1", reason: "guest", amount: 500, idempotencyKey: "idem-10")
        let requests = captured.all
        XCTAssertEqual(requests.map(\.method), ["POST", "GET", "POST"])
        XCTAssertEqual(requests.map(\.path), ["/v1/payments/confirm", "/v1/payments/orders/order_123456", "/v1/payments/pk_1/cancel"])
        XCTAssertEqual(requests[0].headers["Authorization"], "Basic " + Data("test_sk_abc:".utf8).base64EncodedString())
        XCTAssertEqual(requests[0].headers["Accept-Language"], "en-US")
        XCTAssertEqual(requests[0].headers["Idempotency-Key"], "idem-9")
        XCTAssertNil(requests[1].headers["Idempotency-Key"])
        let confirm = try? JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any]
        XCTAssertEqual(confirm?["amount"] as? Int, 20_000)
        XCTAssertEqual(confirm?["paymentKey"] as? String, "pk_1")
        let cancel = try? JSONSerialization.jsonObject(with: Data(requests[2].body)) as? [String: Any]
        XCTAssertEqual(cancel?["cancelReason"] as? String, "guest")
        XCTAssertEqual(cancel?["cancelAmount"] as? Int, 500)
    }

    func testConfigurationFromEnvironment() throws {
        XCTAssertNil(try TossClientConfiguration.fromEnvironment([:]))
        let real = try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "test_sk_x"])
        XCTAssertEqual(real?.baseURL, TossClientConfiguration.defaultBaseURL)
        let sandbox = try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "test_sk_x", "TOSS_API_BASE": "http://127.0.0.1:9090"])
        XCTAssertEqual(sandbox?.baseURL.absoluteString, "http://127.0.0.1:9090")
    }

    /// libcurl unless `TOSS_TRANSPORT` asks for URLSession; a typo is refused with the choices.
    func testTransportFromEnvironment() throws {
        XCTAssertEqual(try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "k"])?.transport, .curl)
        XCTAssertEqual(try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "k", "TOSS_TRANSPORT": "urlsession"])?.transport, .urlSession)
        XCTAssertThrowsError(try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "k", "TOSS_TRANSPORT": "URLSession"])) { error in
            XCTAssertEqual("\(error)", "TOSS_TRANSPORT 'URLSession' is not one of: curl, urlsession")
        }
    }

    /// A base that does not parse, or plain http to a remote host, is refused, never replaced by the real API.
    func testTossAPIBaseMustParseAndBeHTTPSUnlessLoopback() throws {
        for bad in ["not a url", "api.tosspayments.com", "ftp://api.tosspayments.com", "http://api.tosspayments.com",
                    "http://10.0.0.5:9090", "http://localhost.evil.example",
                    "http://127.evil.example", "http://127.0.0.1.evil.example"] {
            XCTAssertThrowsError(try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "k", "TOSS_API_BASE": bad]), bad)
        }
        for good in ["https://api.tosspayments.com", "http://localhost:9090", "http://127.0.0.2:9090", "http://[::1]:9090"] {
            XCTAssertEqual(try TossClientConfiguration.fromEnvironment(["TOSS_SECRET_KEY": "k", "TOSS_API_BASE": good])?.baseURL.absoluteString, good)
        }
    }
}

final class CapturedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [HTTPRequest] = []
    func append(_ request: HTTPRequest) { lock.withLock { requests.append(request) } }
    var all: [HTTPRequest] { lock.withLock { requests } }
}
