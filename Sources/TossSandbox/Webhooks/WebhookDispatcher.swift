import Foundation
import JSON

/// Sends `PAYMENT_STATUS_CHANGED` events (and `DEPOSIT_CALLBACK` for virtual accounts) and retries
/// failures on Toss's schedule. Each POST carries Toss's `tosspayments-webhook-transmission-id`
/// (the same for every attempt of one event), `-time` (when this attempt was sent, ISO 8601 with
/// +09:00) and `-retried-count` (0 on the first attempt).
package final class WebhookDispatcher: @unchecked Sendable {
    /// Toss retries 7 times after the first attempt, waiting these many minutes before each.
    package static let retryMinutes: [Double] = [1, 4, 16, 64, 256, 1024, 4096]

    /// One delivery attempt, recorded for the admin API and tests.
    package struct Attempt: Sendable, Equatable {
        package var eventNumber: Int
        package var attempt: Int
        package var status: Int?
    }

    private let url: URL?
    private let sender: WebhookSender
    private let timeScale: Double
    private let sleep: @Sendable (Duration) async -> Void
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []
    private var attempts: [Attempt] = []
    private var eventCount = 0

    /// - Parameters:
    ///   - timeScale: multiplies every wait (e.g. 0.001 turns 1 minute into 60 ms).
    ///   - sleep: how to wait; tests pass one that records the delay and returns at once.
    package init(url: URL?, sender: WebhookSender, timeScale: Double = 1,
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.url = url
        self.sender = sender
        self.timeScale = timeScale
        self.sleep = sleep
    }

    /// The waits before each retry, after scaling.
    package var retryDelays: [Duration] {
        Self.retryMinutes.map { .milliseconds(Int64(($0 * 60_000 * timeScale).rounded())) }
    }

    /// Queues an event (no-op without a webhook URL); delivery happens in the background.
    /// `createdAt` is written as Toss writes it: Korea time without an offset, with the fraction
    /// of a second (`2026-01-02T14:46:59.65327`).
    func send(eventType: String = "PAYMENT_STATUS_CHANGED", createdAt: Date, payment: JSONValue) {
        enqueue(JSONValue.object([("eventType", .string(eventType)), ("createdAt", .string(TossDate.webhookFormat(createdAt))),
                                  ("data", payment)]))
    }

    /// Toss's DEPOSIT_CALLBACK for a virtual account: a flat body, no `eventType`, no `data`.
    func sendDepositCallback(createdAt: Date, secret: String, status: String, transactionKey: String, orderId: String) {
        enqueue(JSONValue.object([
            ("createdAt", .string(TossDate.webhookFormat(createdAt))), ("secret", .string(secret)),
            ("status", .string(status)), ("transactionKey", .string(transactionKey)), ("orderId", .string(orderId)),
        ]))
    }

    private func enqueue(_ event: JSONValue) {
        guard let url else { return }
        let body = Data(event.bytes)
        lock.withLock {
            eventCount += 1
            let number = eventCount
            let transmissionId = "wh_sandbox_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            tasks.append(Task { await self.deliver(body, to: url, eventNumber: number, transmissionId: transmissionId) })
        }
    }

    private func deliver(_ body: Data, to url: URL, eventNumber: Int, transmissionId: String) async {
        var delays = retryDelays[...]
        var attempt = 1
        while true {
            let headers = [
                ("tosspayments-webhook-transmission-id", transmissionId),
                ("tosspayments-webhook-transmission-time", TossDate.format(Date())),
                ("tosspayments-webhook-transmission-retried-count", String(attempt - 1)),
            ]
            let status = await sender.post(body, headers: headers, to: url)
            lock.withLock { attempts.append(Attempt(eventNumber: eventNumber, attempt: attempt, status: status)) }
            if status == 200 || Task.isCancelled { return }
            guard let delay = delays.popFirst() else { return }
            await sleep(delay)
            if Task.isCancelled { return }
            attempt += 1
        }
    }

    /// Waits until every queued delivery has finished (succeeded or run out of retries).
    package func waitUntilIdle() async {
        while true {
            let pending = lock.withLock { () -> [Task<Void, Never>] in
                let current = tasks
                tasks = []
                return current
            }
            if pending.isEmpty { return }
            for task in pending { await task.value }
        }
    }

    /// Every attempt so far, in order.
    package var deliveryAttempts: [Attempt] { lock.withLock { attempts } }

    /// Stops pending retries (sandbox shutdown).
    package func cancelAll() { lock.withLock { tasks.forEach { $0.cancel() } } }
}
