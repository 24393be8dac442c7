import Foundation
import TossSandbox
import XCTest

/// Records webhook posts and answers with scripted statuses.
final class FakeWebhookSender: WebhookSender, @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [Int?]
    private(set) var bodies: [[String: Any]] = []

    init(statuses: [Int?]) { self.statuses = statuses }

    func post(_ body: Data, to url: URL) async -> Int? {
        lock.withLock {
            bodies.append((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
            return statuses.isEmpty ? 200 : statuses.removeFirst()
        }
    }

    var received: [[String: Any]] { lock.withLock { bodies } }
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
        XCTAssertNotNil((events[0]["createdAt"] as? String)?.range(of: "+09:00"))
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
}
