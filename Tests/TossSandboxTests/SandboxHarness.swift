import Foundation
import HTTPServer
import TestSupport
import TossSandbox
import XCTest

/// Drives a sandbox through `respond(to:)` with constructed requests, as the socket server would.
final class SandboxHarness: @unchecked Sendable {
    let clock = ManualClock()
    let sandbox: TossSandbox

    static let widget = MerchantKeys.docsWidget
    static let api = MerchantKeys.docsAPIIndividual

    struct Reply {
        var response: HTTPResponse
        var status: Int { response.status }
        var text: String { String(decoding: response.body, as: UTF8.self) }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        }
        var code: String? { json["code"] as? String }
    }

    init(configuration: SandboxConfiguration = SandboxConfiguration(),
         webhookSender: WebhookSender = URLSessionWebhookSender(),
         webhookSleep: @escaping @Sendable (Duration) async -> Void = { _ in }) {
        sandbox = TossSandbox(configuration: configuration, clock: clock, webhookSender: webhookSender,
                              webhookSleep: webhookSleep)
    }

    static func basic(_ secret: String) -> String {
        "Basic " + Data((secret + ":").utf8).base64EncodedString()
    }

    /// Sends one request; `target` may carry a query string.
    func send(_ method: String, _ target: String, json: Any? = nil, rawBody: [UInt8]? = nil,
              headers: [(String, String)] = [], secret: String? = SandboxHarness.widget.secretKey) async -> Reply {
        var fields = HTTPHeaders([("Host", "127.0.0.1:9090")])
        if let secret { fields.add("Authorization", Self.basic(secret)) }
        for (name, value) in headers { fields.set(name, value) }
        var body = rawBody ?? []
        if let json {
            body = Array(try! JSONSerialization.data(withJSONObject: json))
            fields.set("Content-Type", "application/json")
        }
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1 ? parts[1].split(separator: "&").map { pair -> (name: String, value: String) in
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (name: kv[0], value: kv.count > 1 ? kv[1] : "")
        } : []
        let request = HTTPRequest(method: method, target: target, path: parts[0], query: query,
                                  headers: fields, body: body)
        return Reply(response: await sandbox.respond(to: request))
    }

    /// Opens a session the way the SDK does and returns its id.
    func openSession(orderId: String = SandboxHarness.newOrderId(), amount: Int = 20_000,
                     keys: MerchantKeys = SandboxHarness.widget, orderName: String = "맛있는 집밥 2인 예약금",
                     successUrl: String = "https://shop.example/restaurant/confirm/success/",
                     failUrl: String = "https://shop.example/restaurant/confirm/failed/",
                     flow: String? = nil) async -> String {
        let reply = await send("POST", "/__sandbox/sessions", json: [
            "clientKey": keys.clientKey, "orderId": orderId, "orderName": orderName, "amount": amount,
            "successUrl": successUrl, "failUrl": failUrl, "customerKey": "guest-123",
            "flow": flow ?? (keys.kind == .widget ? "widget" : "payment"),
        ], secret: nil)
        XCTAssertEqual(reply.status, 201, reply.text)
        return reply.json["sessionId"] as? String ?? ""
    }

    /// Plays the buyer approving in the window; returns the paymentKey.
    func approvedPayment(orderId: String, amount: Int = 20_000, keys: MerchantKeys = SandboxHarness.widget) async -> String {
        let session = await openSession(orderId: orderId, amount: amount, keys: keys)
        let reply = await send("POST", "/__sandbox/sessions/\(session)/approve", secret: nil)
        XCTAssertEqual(reply.status, 200, reply.text)
        return reply.json["paymentKey"] as? String ?? ""
    }

    func confirm(paymentKey: String, orderId: String, amount: Int = 20_000, idempotencyKey: String? = nil,
                 testCode: String? = nil, secret: String = SandboxHarness.widget.secretKey) async -> Reply {
        var headers: [(String, String)] = []
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        if let testCode { headers.append(("TossPayments-Test-Code", testCode)) }
        return await send("POST", "/v1/payments/confirm",
                          json: ["paymentKey": paymentKey, "orderId": orderId, "amount": amount],
                          headers: headers, secret: secret)
    }

    func lookup(orderId: String, secret: String = SandboxHarness.widget.secretKey) async -> Reply {
        await send("GET", "/v1/payments/orders/\(orderId)", secret: secret)
    }

    func log(orderId: String) async -> [String: Any] {
        await send("GET", "/__sandbox/log?orderId=\(orderId)", secret: nil).json
    }

    /// A confirmed (DONE) payment; returns its paymentKey.
    func donePayment(orderId: String, amount: Int = 20_000) async -> String {
        let key = await approvedPayment(orderId: orderId, amount: amount)
        let reply = await confirm(paymentKey: key, orderId: orderId, amount: amount)
        XCTAssertEqual(reply.status, 200, reply.text)
        return key
    }

    static func newOrderId() -> String { "order_" + UUID().uuidString.prefix(8) }
}

