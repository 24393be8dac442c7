import Foundation

/// What a person must hear of (PRODUCT.md invariant 12): each is written as an outbox row in the
/// same transaction as the booking's change, so no change is committed without its event.
package enum NotificationKind: String, Sendable, CaseIterable, Hashable {
    /// Toss said DONE: the booking is confirmed.
    case paid = "booking.paid"
    /// Cancelled by the guest or staff and refunded through Toss (the refund is settled).
    case cancelled = "booking.cancelled"
    /// The guest let go of an unpaid hold.
    case released = "booking.released"
    /// The payment's outcome is unknown; staff must look.
    case needsAttention = "booking.needs_attention"
    /// A payment that needed attention turned out not to be taken: the seats are free again.
    case failed = "booking.failed"
    /// Toss definitely refused the refund: the booking stands as PAID.
    case refundRefused = "booking.refund_refused"
}

/// One outbox row: the event (written with the change) and its delivery log.
package struct NotificationEvent: Sendable, Hashable {
    /// Order of writing, over the whole database: events of one booking are delivered in it.
    package var sequence: Int64
    /// Stable across retries and restarts: a receiver drops duplicates by it.
    package var eventId: String
    package var kind: NotificationKind
    package var orderId: String
    package var createdAt: Date
    /// The booking's state and refund when the event was written (the booking may move on).
    package var state: BookingState
    package var refundAmount: Int?
    // The delivery log.
    package var attempts: Int
    /// "200", "503", "connection refused", ...: what the last attempt got.
    package var lastStatus: String?
    package var lastAttemptAt: Date?
    package var nextAttemptAt: Date
    package var deliveredAt: Date?
    /// Set when retries ran out (about three days); `yeyak notifications retry` clears it.
    package var gaveUpAt: Date?

    package var isPending: Bool { deliveredAt == nil && gaveUpAt == nil }

    package init(
        sequence: Int64, eventId: String, kind: NotificationKind, orderId: String, createdAt: Date,
        state: BookingState, refundAmount: Int?, attempts: Int = 0, lastStatus: String? = nil,
        lastAttemptAt: Date? = nil, nextAttemptAt: Date, deliveredAt: Date? = nil, gaveUpAt: Date? = nil
    ) {
        self.sequence = sequence
        self.eventId = eventId
        self.kind = kind
        self.orderId = orderId
        self.createdAt = createdAt
        self.state = state
        self.refundAmount = refundAmount
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastAttemptAt = lastAttemptAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.gaveUpAt = gaveUpAt
    }
}

/// An event due for delivery with its booking as it is now (names, slot, phone).
package struct DueNotification: Sendable, Hashable {
    package var event: NotificationEvent
    package var booking: Booking
}

/// How one delivery attempt ended.
package enum DeliveryResult: Sendable, Hashable {
    case delivered(status: String)
    /// Try again at `retryAt`.
    case failed(status: String, retryAt: Date)
    /// Retries ran out.
    case gaveUp(status: String)
}

/// The outbox the delivery worker drains and staff inspect (`yeyak notifications`).
package protocol NotificationOutbox: Sendable {
    /// Pending events due at `now`, oldest first, at most one per booking: an event waits while
    /// an earlier pending event of its booking is undelivered, so each booking's are in order.
    func dueNotifications(now: Date, limit: Int) async throws -> [DueNotification]
    /// Records one attempt in the delivery log.
    func recordDelivery(sequence: Int64, result: DeliveryResult, at: Date) async throws
    /// Events newest first; `pendingOnly` leaves out delivered ones.
    func notifications(pendingOnly: Bool, limit: Int) async throws -> [NotificationEvent]
    /// Makes the given events (by event id; all undelivered ones when empty) due at `now`
    /// again, including those whose retries ran out. Returns how many.
    func retryNotifications(eventIds: [String], now: Date) async throws -> Int
}
