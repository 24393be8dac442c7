import BookingStore
import CivilTime
import Foundation
import JSON
import YeyakContent

/// Where and how events are delivered (`yeyak serve --notify-url`, `YEYAK_WEBHOOK_SECRET`).
package struct NotificationSettings: Sendable {
    /// Receives every event unless its restaurant names its own `notifyURL` in content.
    package var url: URL?
    /// Signs every body; from the environment only, never from content or output.
    package var secret: String
    /// The first retry waits this long, each next one twice as long, up to `maxRetryDelay`.
    package var firstRetryDelay: TimeInterval = 10
    package var maxRetryDelay: TimeInterval = 60 * 60
    /// An event not delivered this long after it was written is given up (staff can retry it).
    package var giveUpAfter: TimeInterval = 3 * 24 * 60 * 60
    /// How often the outbox is looked at when it was empty (events written by another process,
    /// such as `yeyak bookings cancel`, and retries coming due).
    package var pollInterval: TimeInterval = 1
    /// Deliveries in flight at once, each for a different booking.
    package var parallelDeliveries = 4
    /// A restaurant's own secret (`YEYAK_WEBHOOK_SECRET_<SLUG>`) for its own `notifyURL`: a
    /// restaurant running its own receiver must not hold the secret that signs every other
    /// restaurant's events (it could forge theirs; found by an outside review).
    package var restaurantSecrets: [String: String] = [:]

    package init(url: URL?, secret: String) {
        self.url = url
        self.secret = secret
    }

    /// The wait before attempt `attempts + 1`, after `attempts` failed ones.
    package func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(firstRetryDelay * pow(2, Double(max(0, attempts - 1))), maxRetryDelay)
    }
}

/// Drains the outbox: every event is POSTed, signed, until a 2xx, at least once and in order
/// per booking (the outbox hands out a booking's next event only after the one before it is
/// delivered). An event is marked delivered only after the answer, so a crash at any point
/// sends it again, under the same event id; the receiver drops duplicates by it.
package final class NotificationWorker: Sendable {
    let outbox: any NotificationOutbox
    let transport: any WebhookTransport
    let settings: NotificationSettings
    let clock: any WallClock
    let content: @Sendable () -> SiteContent
    let messages: @Sendable () -> any NotificationMessages
    let log: @Sendable (String) -> Void

    package init(outbox: any NotificationOutbox, transport: any WebhookTransport, settings: NotificationSettings,
                 clock: any WallClock, content: @escaping @Sendable () -> SiteContent,
                 messages: @escaping @Sendable () -> any NotificationMessages,
                 log: @escaping @Sendable (String) -> Void) {
        self.outbox = outbox
        self.transport = transport
        self.settings = settings
        self.clock = clock
        self.content = content
        self.messages = messages
        self.log = log
    }

    package struct Pass: Sendable, Equatable {
        package var attempted = 0
        package var delivered = 0
    }

    /// One pass over what is due now.
    @discardableResult
    package func runOnce() async -> Pass {
        var pass = Pass()
        let due: [DueNotification]
        do {
            due = try await outbox.dueNotifications(now: clock.now, limit: 64)
        } catch {
            log("notifications: cannot read the outbox: \(error)")
            return pass
        }
        // Each due event is a different booking's, so they may go out side by side.
        await withTaskGroup(of: Bool.self) { group in
            var iterator = due.makeIterator()
            for _ in 0..<max(1, settings.parallelDeliveries) {
                guard let next = iterator.next() else { break }
                group.addTask { await self.deliver(next) }
            }
            while let delivered = await group.next() {
                pass.attempted += 1
                if delivered { pass.delivered += 1 }
                if let next = iterator.next() { group.addTask { await self.deliver(next) } }
            }
        }
        return pass
    }

    /// Runs passes until the task is cancelled.
    package func run() async {
        while !Task.isCancelled {
            let pass = await runOnce()
            if pass.attempted == 0 || pass.delivered < pass.attempted {
                try? await Task.sleep(for: .milliseconds(Int64(settings.pollInterval * 1000)))
            }
        }
    }

    /// The destination of a booking's events: the restaurant's own, else the service's.
    func destination(_ booking: Booking, _ content: SiteContent) -> URL? {
        content.restaurant(booking.restaurant)?.notifyURL ?? settings.url
    }

    /// The secret for `booking`'s destination: the restaurant's own for its own URL when it has
    /// one, the service's otherwise.
    func secret(_ booking: Booking, _ content: SiteContent) -> String {
        guard content.restaurant(booking.restaurant)?.notifyURL != nil else { return settings.secret }
        return settings.restaurantSecrets[booking.restaurant] ?? settings.secret
    }

    /// One attempt; true when delivered.
    private func deliver(_ due: DueNotification) async -> Bool {
        let event = due.event
        let content = content()
        let reply: WebhookReply
        if let url = destination(due.booking, content) {
            do {
                let texts = try messages().render(NotificationFacts(event, due.booking, content: content))
                let body = NotificationPayload.json(event, due.booking, texts: texts, content: content).bytes
                let timestamp = Int(clock.now.timeIntervalSince1970)
                reply = await transport.post(url, headers: [
                    ("Content-Type", "application/json; charset=utf-8"),
                    ("Yeyak-Event-Id", event.eventId),
                    ("Yeyak-Event-Type", event.kind.rawValue),
                    ("Yeyak-Signature", WebhookSignature.header(secret: secret(due.booking, content), timestamp: timestamp, body: body)),
                ], body: body)
            } catch {
                reply = .failed("message template: \(error)")
            }
        } else {
            reply = .failed("no notify URL for restaurant \(due.booking.restaurant)")
        }
        let now = clock.now
        let result: DeliveryResult
        if case .status(let code) = reply, (200..<300).contains(code) {
            result = .delivered(status: reply.summary)
        } else if now.timeIntervalSince(event.createdAt) >= settings.giveUpAfter {
            result = .gaveUp(status: reply.summary)
            log("notifications: gave up on \(event.eventId) (\(event.kind.rawValue), order \(event.orderId)) after \(event.attempts + 1) attempts: \(reply.summary)")
        } else {
            result = .failed(status: reply.summary, retryAt: now.addingTimeInterval(settings.retryDelay(afterAttempts: event.attempts + 1)))
        }
        do {
            try await outbox.recordDelivery(sequence: event.sequence, result: result, at: now)
        } catch {
            // Not recorded: it stays due and is sent again (at least once, never lost).
            log("notifications: cannot record the delivery of \(event.eventId): \(error)")
        }
        if case .delivered = result { return true }
        return false
    }
}
