import BookingStore
import CivilTime
import Foundation
import Synchronization
import TossClient
import YeyakContent

/// Every booking operation, with no HTTP in it: hold seats, settle a payment from Toss's
/// redirects and webhooks, look a booking up for its guest, cancel with a refund, and keep
/// inventory in step with the content. The HTTP handlers and the staff CLI both stand on it,
/// so a rule lives here once; refusals are `BookingError`s.
package final class Bookings: Sendable {
    let store: any BookingStore
    let clock: any WallClock
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void
    private let currentContent: Mutex<SiteContent>
    private let confirmFlow: ConfirmFlow
    private let refundFlow: RefundFlow
    private let webhooks: WebhookHandler
    /// Settles what stays unknown (CONFIRMING left behind, NEEDS_ATTENTION) in the background.
    package let reconciler: Reconciler

    package init(
        content: SiteContent, store: any BookingStore, toss: TossClient,
        configuration: ServiceConfiguration = ServiceConfiguration(), clock: any WallClock = SystemClock(),
        metrics: ServiceMetrics = ServiceMetrics(), log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.metrics = metrics
        self.log = log
        currentContent = Mutex(content)
        let settlement = PaymentSettlement(store: store, toss: toss, clock: clock, metrics: metrics, log: log)
        confirmFlow = ConfirmFlow(store: store, toss: toss, settlement: settlement, clock: clock,
                                  configuration: configuration, metrics: metrics, log: log)
        refundFlow = RefundFlow(store: store, toss: toss, clock: clock, metrics: metrics, log: log)
        webhooks = WebhookHandler(store: store, toss: toss, settlement: settlement, clock: clock, log: log)
        reconciler = Reconciler(store: store, toss: toss, settlement: settlement, clock: clock,
                                configuration: configuration, log: log)
    }

    /// The content now being sold.
    package var content: SiteContent { currentContent.withLock { $0 } }

    /// Syncs the store's inventory with `content` (at start and on reload) and starts selling it.
    /// Slots removed while booked are kept and reported, never dropped. An edit that would sell
    /// booked seats again under a new id (a renamed table without `renamedFrom`) is refused with
    /// `ContentErrors` naming the file, the table and the bookings, and the old content stays.
    @discardableResult
    package func load(_ content: SiteContent) async throws -> InventoryReport {
        let now = clock.now
        let report: InventoryReport
        do {
            report = try await store.syncInventory(InventoryBuilder.inventory(from: content, now: now), now: now)
        } catch let conflict as InventoryConflict {
            throw ContentErrors(ContentEditCheck.problems(conflict, content: content))
        }
        currentContent.withLock { $0 = content }
        for moved in report.carriedOver {
            log("inventory: \(moved.bookings) bookings of slot \(moved.from) moved to \(moved.to) (renamedFrom)")
        }
        for kept in report.keptWithBookings {
            log("inventory: slot \(kept.slotId) left the content but has \(kept.seatsTaken) seats booked; kept (no new holds)")
        }
        for over in report.overbooked {
            log("inventory: slot \(over.slotId) now has capacity \(over.capacity) but \(over.seatsTaken) seats are taken; no new holds")
        }
        return report
    }

    // MARK: - Guests

    /// Holds seats for a guest, or gives back (resized) the guest's own READY hold on the slot.
    /// Prices come from the content through the store's inventory, never from the request.
    /// `client` is where the request came from, counted against the hold limits.
    package func hold(_ input: ReservationInput, client: ClientAddress = .unknown) async throws -> Booking {
        let request = HoldRequest(slotId: input.slotId, partySize: input.partySize, customerKey: input.customerKey,
                                  guestName: input.name, phone: input.phone.digits, comment: input.comment,
                                  client: client)
        switch try await store.hold(request, now: clock.now, holdDuration: configuration.holdDuration, newOrderId: OrderID.random) {
        case .created(let booking):
            metrics.count("hold_created")
            return booking
        case .reused(let booking):
            metrics.count("hold_reused")
            return booking
        case .soldOut(let seatsLeft):
            metrics.count("hold_sold_out")
            throw BookingError.soldOut(seatsLeft: seatsLeft)
        case .unknownSlot: throw BookingError.unknownSlot
        case .slotClosed: throw BookingError.slotClosed
        case .partyTooLarge(let max): throw BookingError.partyTooLarge(max: max)
        case .invalidPartySize: throw BookingError.invalidPartySize
        case .holdLimit(let limit, let retryAfter):
            metrics.count("hold_limited")
            throw BookingError.holdLimit(limit, retryAfter: retryAfter)
        }
    }

    /// Seats left per upcoming slot of one restaurant, from live holds (a lapsed hold stops
    /// counting at once).
    package func availability(restaurant slug: String) async throws -> [SlotAvailability] {
        guard content.restaurant(slug) != nil else { throw BookingError.unknownRestaurant }
        return try await store.availability(restaurant: slug, now: clock.now)
    }

    /// Toss's success redirect: the amount is checked against the stored one, then Toss is asked
    /// to confirm at most once. A reload answers from the stored outcome without calling Toss.
    package func confirm(paymentKey: String, orderId: String, amount: Int) async throws -> PaymentOutcome {
        let outcome = try await confirmFlow.run(paymentKey: paymentKey, orderId: orderId, amount: amount)
        if outcome == .amountMismatch {
            log("refused success redirect for order \(orderId): amount \(amount) differs from the stored amount")
        }
        return outcome
    }

    /// Toss's fail redirect (the guest cancelled or the card was refused in the payment window):
    /// a READY hold becomes FAILED and its seats go back. Returns that booking; nil when nothing
    /// of ours changed (an unknown order, or one already settled: a browser's claim never
    /// changes a paid or confirming booking).
    package func paymentWindowFailed(orderId: String, code: String, reason: String) async throws -> Booking? {
        guard OrderID.isValid(orderId), let booking = try await store.booking(orderId: orderId, now: clock.now),
              booking.state == .ready || booking.state == .expired
        else { return nil }
        let outcome = try await store.failHold(orderId: orderId, code: code, message: reason, now: clock.now)
        metrics.count("payment_window_failed")
        guard let failed = outcome.booking, failed.state == .failed else { return nil }
        return failed
    }

    /// The booking, only for the guest holding its key (compared in constant time); anyone else
    /// gets the same `notFound` as for an unknown order.
    package func guestBooking(orderId: String, customerKey: String?) async throws -> Booking {
        guard OrderID.isValid(orderId), let customerKey,
              let booking = try await store.booking(orderId: orderId, now: clock.now),
              constantTimeEqual(booking.customerKey, customerKey)
        else { throw BookingError.notFound }
        return booking
    }

    /// The guest cancels their own booking: a hold is released, a paid booking refunded by the
    /// restaurant's policy at this moment.
    package func cancel(orderId: String, customerKey: String?, reason: String) async throws -> Booking {
        try await cancel(try await guestBooking(orderId: orderId, customerKey: customerKey), reason: reason)
    }

    /// Staff cancellation (`yeyak bookings cancel`): the same flow as the guest's.
    package func cancel(orderId: String, reason: String) async throws -> Booking {
        guard let booking = try await store.booking(orderId: orderId, now: clock.now) else { throw BookingError.notFound }
        return try await cancel(booking, reason: reason)
    }

    private func cancel(_ booking: Booking, reason: String) async throws -> Booking {
        let policy = content.restaurant(booking.restaurant)?.refundPolicy ?? RefundPolicy(fullRefundHoursBefore: 0, penaltyPercent: 0)
        switch try await refundFlow.cancel(booking, policy: policy, reason: reason) {
        case .released(let released), .refunded(let released):
            return released
        case .refundPending(let pending, let why):
            log("refund pending for order \(pending.orderId): \(why)")
            throw BookingError.refundPending
        case .notCancellable(let other):
            throw BookingError.notCancellable(other.state)
        case .notFound:
            throw BookingError.notFound
        }
    }

    /// What the guest would get back if a PAID booking were cancelled now; nil otherwise.
    package func refundIfCancelledNow(_ booking: Booking) -> Int? {
        guard booking.state == .paid, let restaurant = content.restaurant(booking.restaurant) else { return nil }
        return restaurant.refundPolicy.refund(deposit: booking.amount, startsAt: booking.startsAt, cancelledAt: clock.now)
    }

    // MARK: - Toss and operators

    /// A Toss webhook body: only its paymentKey is used; the payment is re-read from Toss.
    package func applyWebhook(body: [UInt8]) async throws -> WebhookHandler.Outcome {
        try await webhooks.handle(body: body)
    }

    /// Bookings by effective state (all states present), which also proves the store answers.
    package func stateCounts() async throws -> [BookingState: Int] {
        try await store.stateCounts(now: clock.now)
    }
}

/// Compares secrets without an early exit, so timing does not reveal how much matched.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
