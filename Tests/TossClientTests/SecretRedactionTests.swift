import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest

/// The secret key must not show up anywhere a person or a log could read it.
final class SecretRedactionTests: XCTestCase {
    func testSecretNeverAppearsInDescriptionsLogsOrResults() async {
        let h = ClientHarness()
        let secret = ClientHarness.secret
        let encoded = Data((secret + ":").utf8).base64EncodedString()
        var seen: [String] = []

        let orderId = ClientHarness.newOrderId()
        let key = h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .http500, count: 1, operations: [.confirm]))
        for result in [
            await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil),
            await h.client.confirm(paymentKey: key, orderId: orderId, amount: 1, idempotencyKey: nil),
            await h.client.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: nil),
            await h.client.payment(orderId: "order_missing"),
        ] {
            seen.append(String(describing: result))
            seen.append(String(reflecting: result))
        }
        let dead = TossClient(configuration: TossClientConfiguration(
            secretKey: secret, baseURL: URL(string: "http://127.0.0.1:1")!, connectTimeout: 1, totalTimeout: 2))
        seen.append(String(describing: await dead.payment(orderId: "order_123456")))
        seen += [String(describing: h.client), String(reflecting: h.client.configuration),
                 String(describing: h.client.configuration)]
        var dumped = ""
        dump(h.client.configuration, to: &dumped)
        seen.append(dumped)
        seen += h.logLines.all

        XCTAssertGreaterThanOrEqual(h.logLines.all.count, 4)
        for text in seen {
            XCTAssertFalse(text.contains(secret), text)
            XCTAssertFalse(text.contains(encoded), text)
            XCTAssertFalse(text.contains(String(secret.dropFirst(8))), text)
        }
        // Negative control: the needle is real - the header sent does carry it.
        let captured = CapturedRequests()
        let probe = TossClient(configuration: h.client.configuration,
                               transport: ResponderTossTransport(ClosureResponder { captured.append($0); return .json(500, "{}") }))
        _ = await probe.payment(orderId: "order_123456")
        XCTAssertTrue(captured.all.first?.headers["Authorization"]?.contains(encoded) ?? false)
        XCTAssertTrue(String(describing: h.client.configuration).contains("test_gsk_"), "kind stays visible")
    }
}
