import Foundation
import TossSandbox
import XCTest

/// Records webhook posts and answers with scripted statuses.
final class FakeWebhookSender: WebhookSender, @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [Int?]
    private(set) var bodies: [[String: Any]] = []
    private(set) var headerSets: [[String: String]] = []

    init(statuses: [Int?]) { self.statuses = statuses }

    func post(_ body: Data, headers: [(String, String)], to url: URL) async -> Int? {
        lock.withLock {
            bodies.append((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
            headerSets.append(Dictionary(headers, uniquingKeysWith: { $1 }))
            return statuses.isEmpty ? 200 : statuses.removeFirst()
        }
    }

    var received: [[String: Any]] { lock.withLock { bodies } }
    var receivedHeaders: [[String: String]] { lock.withLock { headerSets } }
}

/// Records the waits the dispatcher asks for instead of waiting.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var delays: [Duration] = []
    func record(_ delay: Duration) { lock.withLock { delays.append(delay) } }
    var all: [Duration] { lock.withLock { delays } }
}

final class WebhookTests: XCTestCase {
    private func harness(statuses: [Int?], scale: Double = 1) -> (SandboxHarness, FakeWebhookSender, RecordedSleeps) {
        let sender = FakeWebhookSender(statuses: statuses)
        let sleeps = RecordedSleeps()
        let configuration = SandboxConfiguration(webhookURL: URL(string: "http://127.0.0.1:1/webhooks/toss"),
                                                 webhookTimeScale: scale)
        let h = SandboxHarness(configuration: configuration, webhookSender: sender, webhookSleep: { sleeps.record($0) })
        return (h, sender, sleeps)
    }

    func testDoneAndCanceledSendPaymentStatusChanged() async {
        let (h, sender, sleeps) = harness(statuses: [])
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId)
        _ = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest cancelled"])
        await h.sandbox.webhooks.waitUntilIdle()
        let events = sender.received
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.map { $0["eventType"] as? String }, ["PAYMENT_STATUS_CHANGED", "PAYMENT_STATUS_CHANGED"])
        XCTAssertEqual(Set(events.map { ($0["data"] as? [String: Any])?["status"] as? String }), ["DONE", "CANCELED"])
        XCTAssertEqual((events[0]["data"] as? [String: Any])?["orderId"] as? String, orderId)
        // Toss writes createdAt in Korea time without an offset: 2026-01-02T14:46:59.65327
        let createdAt = events[0]["createdAt"] as? String ?? ""
        XCTAssertNotNil(createdAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}$"#, options: .regularExpression), createdAt)
        XCTAssertEqual(sleeps.all, [], "delivered at once, no retries")
    }

    func testFailuresAreRetriedOnTossScheduleUntilA200() async {
        let (h, sender, sleeps) = harness(statuses: [500, nil, 404, 200])
        _ = await h.donePayment(orderId: SandboxHarness.newOrderId())
        await h.sandbox.webhooks.waitUntilIdle()
        XCTAssertEqual(sender.received.count, 4)
        XCTAssertEqual(sleeps.all, [.seconds(60), .seconds(240), .seconds(960)])
    }

    func testGivesUpAfterSevenRetriesWithScaledDelays() async {
        let (h, sender, sleeps) = harness(statuses: Array(repeating: 503, count: 20), scale: 0.001)
        _ = await h.donePayment(orderId: SandboxHarness.newOrderId())
        await h.sandbox.webhooks.waitUntilIdle()
        XCTAssertEqual(sender.received.count, 8, "one attempt + 7 retries")
        let minutes: [Int64] = [1, 4, 16, 64, 256, 1024, 4096]
        XCTAssertEqual(sleeps.all, minutes.map { .milliseconds($0 * 60) }, "1 minute x 0.001 = 60 ms")
        XCTAssertEqual(h.sandbox.webhooks.deliveryAttempts.count, 8)
    }

    func testNoWebhookURLSendsNothing() async {
        let sender = FakeWebhookSender(statuses: [])
        let h = SandboxHarness(webhookSender: sender)
        _ = await h.donePayment(orderId: SandboxHarness.newOrderId())
        await h.sandbox.webhooks.waitUntilIdle()
        XCTAssertEqual(sender.received.count, 0)
    }

    func testTransmissionHeadersNameTheEventAndCountRetries() async {
        let (h, sender, _) = harness(statuses: [500, 500, 200])
        _ = await h.donePayment(orderId: SandboxHarness.newOrderId())
        await h.sandbox.webhooks.waitUntilIdle()
        let headers = sender.receivedHeaders
        XCTAssertEqual(headers.count, 3)
        XCTAssertEqual(headers.map { $0["tosspayments-webhook-transmission-retried-count"] }, ["0", "1", "2"])
        let ids = Set(headers.compactMap { $0["tosspayments-webhook-transmission-id"] })
        XCTAssertEqual(ids.count, 1, "one transmission id for every attempt of one event")
        XCTAssertTrue(ids.first?.hasPrefix("wh_") ?? false)
        for header in headers {
            let time = header["tosspayments-webhook-transmission-time"] ?? ""
            XCTAssertTrue(time.hasSuffix("+09:00"), time)
        }
    }

    func testDeclineAbortsWithAWebhookButAClosedWindowStaysReadyAndSilent() async {
        let (h, sender, _) = harness(statuses: [])
        let declinedOrder = SandboxHarness.newOrderId()
        let declined = await h.openSession(orderId: declinedOrder)
        _ = await h.send("POST", "/__sandbox/sessions/\(declined)/decline", secret: nil)
        let closedOrder = SandboxHarness.newOrderId()
        let closed = await h.openSession(orderId: closedOrder)
        let redirect = await h.send("POST", "/__sandbox/sessions/\(closed)/cancel", secret: nil)
        XCTAssertNotNil((redirect.json["redirectUrl"] as? String)?.range(of: "code=PAY_PROCESS_CANCELED"))
        let closedStatus = await h.lookup(orderId: closedOrder).json["status"] as? String
        XCTAssertEqual(closedStatus, "READY", "closing the window changes nothing at Toss")
        // After 30 minutes the unauthenticated payment expires, still without a webhook.
        h.clock.advance(by: 31 * 60)
        let expiredStatus = await h.lookup(orderId: closedOrder).json["status"] as? String
        XCTAssertEqual(expiredStatus, "EXPIRED")
        await h.sandbox.webhooks.waitUntilIdle()
        let events = sender.received.map { (($0["data"] as? [String: Any])?["orderId"] as? String, ($0["data"] as? [String: Any])?["status"] as? String) }
        XCTAssertEqual(events.map(\.0), [declinedOrder])
        XCTAssertEqual(events.map(\.1), ["ABORTED"])
    }

    func testAnAuthenticatedPaymentLeftUnconfirmedExpiresWithAWebhook() async {
        let (h, sender, _) = harness(statuses: [])
        let orderId = SandboxHarness.newOrderId()
        _ = await h.approvedPayment(orderId: orderId)
        h.clock.advance(by: 11 * 60)
        _ = await h.send("GET", "/__sandbox/payments", secret: nil)  // any request lets sandbox time act
        await h.sandbox.webhooks.waitUntilIdle()
        let data = sender.received.compactMap { $0["data"] as? [String: Any] }
        XCTAssertEqual(data.map { $0["status"] as? String }, ["EXPIRED"])
        XCTAssertEqual((data.first?["failure"] as? [String: Any])?["code"] as? String, "EXPIRED_PAYMENT")
        // Reading it again does not announce it twice.
        _ = await h.lookup(orderId: orderId)
        await h.sandbox.webhooks.waitUntilIdle()
        XCTAssertEqual(sender.received.count, 1)
    }

    /// Expiry is swept only when some open payment can have lapsed: each of two payments
    /// approved five minutes apart is announced when its own ten-minute window ends, not before.
    func testPaymentsApprovedApartExpireEachAtItsOwnDeadline() async {
        let (h, sender, _) = harness(statuses: [])
        let first = SandboxHarness.newOrderId(), second = SandboxHarness.newOrderId()
        _ = await h.approvedPayment(orderId: first)
        h.clock.advance(by: 5 * 60)
        _ = await h.approvedPayment(orderId: second)
        func expiredSoFar() async -> [String?] {
            _ = await h.send("GET", "/__sandbox/payments", secret: nil)
            await h.sandbox.webhooks.waitUntilIdle()
            return sender.received.compactMap { $0["data"] as? [String: Any] }.map { $0["orderId"] as? String }
        }
        h.clock.advance(by: 4 * 60)
        let atNine = await expiredSoFar()
        XCTAssertEqual(atNine, [])
        h.clock.advance(by: 2 * 60)
        let atEleven = await expiredSoFar()
        XCTAssertEqual(atEleven, [first])
        h.clock.advance(by: 3 * 60)
        let atFourteen = await expiredSoFar()
        XCTAssertEqual(atFourteen, [first])
        h.clock.advance(by: 2 * 60)
        let atSixteen = await expiredSoFar()
        XCTAssertEqual(atSixteen, [first, second])
    }

    func testPartialCancelIsAnnounced() async {
        let (h, sender, _) = harness(statuses: [])
        let key = await h.donePayment(orderId: SandboxHarness.newOrderId())
        _ = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "1인 취소", "cancelAmount": 5_000])
        await h.sandbox.webhooks.waitUntilIdle()
        XCTAssertEqual(sender.received.map { ($0["data"] as? [String: Any])?["status"] as? String }, ["DONE", "PARTIAL_CANCELED"])
    }

    func testVirtualAccountWaitsForDepositAndSendsFlatDepositCallbacks() async {
        let (h, sender, _) = harness(statuses: [])
        let orderId = SandboxHarness.newOrderId()
        let session = await h.openSession(orderId: orderId)
        let chosen = await h.send("POST", "/__sandbox/sessions/\(session)/virtual-account", secret: nil)
        let key = chosen.json["paymentKey"] as? String ?? ""
        let confirmed = await h.confirm(paymentKey: key, orderId: orderId)
        XCTAssertEqual(confirmed.json["status"] as? String, "WAITING_FOR_DEPOSIT")
        XCTAssertEqual(confirmed.json["method"] as? String, "가상계좌")
        XCTAssertNotNil(confirmed.json["virtualAccount"] as? [String: Any])
        let deposit = await h.send("POST", "/__sandbox/payments/\(key)/deposit", secret: nil)
        XCTAssertEqual(deposit.json["status"] as? String, "DONE", deposit.text)
        // A refund of a deposited virtual account needs the buyer's account.
        let noAccount = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "취소"])
        XCTAssertEqual(noAccount.code, "INVALID_REQUEST")
        XCTAssertNotNil(noAccount.json["message"].flatMap { $0 as? String }?.range(of: "refundReceiveAccount"))
        await h.sandbox.webhooks.waitUntilIdle()
        let callbacks = sender.received.filter { $0["eventType"] == nil }
        XCTAssertEqual(callbacks.map { $0["status"] as? String }, ["WAITING_FOR_DEPOSIT", "DONE"])
        XCTAssertEqual(callbacks.first?["orderId"] as? String, orderId)
        XCTAssertFalse((callbacks.first?["secret"] as? String ?? "").isEmpty)
        XCTAssertNil(callbacks.first?["data"], "DEPOSIT_CALLBACK is flat")
    }
}
