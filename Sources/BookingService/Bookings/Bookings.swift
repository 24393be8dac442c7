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
    /// Failed lookups by booking code and phone, per client and per code.
    private let lookupLimiter: LookupLimiter
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
        lookupLimiter = LookupLimiter(configuration.lookupLimits)
        let settlement = PaymentSettlement(store: store, toss: toss, clock: clock, metrics: metrics, log: log,
                                           paidWriteRetryBudget: configuration.paidWriteRetryBudget)
        confirmFlow = ConfirmFlow(store: store, toss: toss, settlement: settlement, clock: clock,
                                  configuration: configuration, metrics: metrics, log: log)
        refundFlow = RefundFlow(store: store, toss: toss, clock: clock, configuration: configuration, metrics: metrics, log: log)
        let lookups = BackgroundLookups(toss: toss)
        webhooks = WebhookHandler(store: store, toss: toss, settlement: settlement, lookups: lookups, clock: clock, log: log)
        reconciler = Reconciler(store: store, toss: toss, settlement: settlement, refunds: refundFlow, lookups: lookups,
                                clock: clock, configuration: configuration, log: log)
    }

    /// The content now being sold.
    package var content: SiteContent { currentContent.withLock { $0 } }

    /// Syncs the store's inventory with `content` (at start and on reload) and starts selling it.
    /// Slots removed while booked are kept and reported, never dropped. An edit that would sell
    /// booked seats again under a new id (a renamed table without `renamedFrom`) is refused with
    /// `ContentErrors` naming the file, the table and the bookings, and the old content stays.
    @discardableResult
    /// `contentVersion` (see `ContentVersion`) lets a database shared by several instances
    /// keep the newest content's prices and slots when an instance still runs older content:
    /// its sync then writes nothing and it keeps selling from what the database holds.
    package func load(_ content: SiteContent, contentVersion: Int64? = nil) async throws -> InventoryReport {
        let now = clock.now
        let report: InventoryReport
        do {
            report = try await store.syncInventory(
                InventoryBuilder.inventory(from: content, now: now), contentVersion: contentVersion, now: now)
        } catch let conflict as InventoryConflict {
            throw ContentErrors(ContentEditCheck.problems(conflict, content: content))
        }
        if let older = report.olderThanStored {
            log("inventory: this instance's content (version \(older.mine)) is older than the database's (\(older.stored)); nothing synced, prices and slots stay as the newer content set them")
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
    /// a READY hold becomes FAILED and its seats go back. A booking in any other state is not
    /// changed by a browser's claim (paid, confirming, being checked): the outcome returned is
    /// then what is true of it. nil for an order that is not ours.
    public func paymentWindowFailed(orderId: String, code: String, reason: String) async throws -> PaymentOutcome? {
        guard OrderID.isValid(orderId), let booking = try await store.booking(orderId: orderId, now: clock.now) else { return nil }
        guard booking.state == .ready || booking.state == .expired else { return .of(booking) }
        let outcome = try await store.failHold(orderId: orderId, code: code, message: reason, now: clock.now)
        metrics.count("payment_window_failed")
        return outcome.booking.map(PaymentOutcome.of)
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
    /// restaurant's policy at this moment. From the slot's start on, a paid booking can no longer
    /// be cancelled by the guest (a no-show keeps the deposit, as the policy says).
    /// A refund Toss has not shown yet comes back as the booking in CANCELLING.
    public func cancel(orderId: String, customerKey: String?, reason: String) async throws -> Booking {
        try await guestCancel(try await guestBooking(orderId: orderId, customerKey: customerKey), reason: reason)
    }

    /// The booking with this booking code, only when `phone` is the one it was booked with;
    /// anything else is `noBookingForCode`, the same for an unknown code, after the same work
    /// (one indexed read, one constant-time comparison). Failed lookups are limited per client
    /// and per code (`LookupLimiter`): over a limit, `tooManyLookups` whatever the pair.
    /// `code` is the stored form (`BookingCode.normalize`).
    package func lookup(code: String, phone: PhoneNumber, client: ClientAddress = .unknown) async throws -> Booking {
        let attempt: LookupLimiter.Attempt
        switch lookupLimiter.begin(client: client, code: code, now: clock.now) {
        case .success(let charged): attempt = charged
        case .failure(let refused):
            metrics.count("lookup_limited")
            throw BookingError.tooManyLookups(retryAfter: refused.retryAfter)
        }
        let found = try await store.booking(code: code, now: clock.now)
        // Compared even without a booking, against a number of the same length, so the two
        // refusals take the same path.
        let matches = constantTimeEqual(found?.phone ?? String(repeating: "0", count: phone.digits.utf8.count), phone.digits)
        guard let found, matches else {
            metrics.count("lookup_failed")
            throw BookingError.noBookingForCode
        }
        lookupLimiter.succeeded(attempt)
        metrics.count("lookup_found")
        return found
    }

    /// The guest cancels a booking found by code and phone: the same rules and refund as
    /// `cancel(orderId:customerKey:reason:)`.
    package func cancel(code: String, phone: PhoneNumber, client: ClientAddress = .unknown, reason: String) async throws -> Booking {
        try await guestCancel(try await lookup(code: code, phone: phone, client: client), reason: reason)
    }

    /// A guest's own cancel: from the slot's start on, a paid booking stays (a no-show keeps
    /// the deposit, as the policy says); before, the policy's refund.
    private func guestCancel(_ booking: Booking, reason: String) async throws -> Booking {
        if booking.state == .paid && clock.now >= booking.startsAt { throw BookingError.tooLateToCancel }
        return try await cancel(booking, refund: try refundAmount(booking, .policy), reason: reason)
    }

    /// Staff cancellation (`yeyak bookings cancel`): the same flow, with the refund staff chose
    /// (the policy's, in full for a cancellation the restaurant causes, or an amount).
    public func cancel(orderId: String, reason: String, refund: RefundChoice) async throws -> Booking {
        let booking = try await staffBooking(orderId)
        return try await cancel(booking, refund: try refundAmount(booking, refund), reason: reason)
    }

    /// What a staff cancellation would refund, for the prompt shown before Toss is called.
    public func refundPreview(orderId: String, refund: RefundChoice) async throws -> (booking: Booking, refund: Int) {
        let booking = try await staffBooking(orderId)
        return (booking, try refundAmount(booking, refund))
    }

    /// Staff name a booking by its order id or its booking code (`K7QX-2M9P`, any case).
    private func staffBooking(_ orderIdOrCode: String) async throws -> Booking {
        guard let booking = try await staffLookup(orderIdOrCode) else { throw BookingError.notFound }
        return booking
    }

    /// The booking staff mean by `orderIdOrCode`: an order id, else a booking code; nil for neither.
    package func staffLookup(_ orderIdOrCode: String) async throws -> Booking? {
        try await Self.staffLookup(orderIdOrCode, in: store, now: clock.now)
    }

    /// `staffLookup` for callers holding only a store (`yeyak bookings show`).
    package static func staffLookup(_ orderIdOrCode: String, in store: any BookingStore, now: Date) async throws -> Booking? {
        if OrderID.isValid(orderIdOrCode), let booking = try await store.booking(orderId: orderIdOrCode, now: now) { return booking }
        guard let code = BookingCode.normalize(orderIdOrCode) else { return nil }
        return try await store.booking(code: code, now: now)
    }

    /// The KRW to refund for `choice` (0 for a hold: nothing was paid).
    private func refundAmount(_ booking: Booking, _ choice: RefundChoice) throws -> Int {
        // A refund already recorded is settled as recorded, whatever is chosen now.
        if booking.state == .cancelling { return booking.refundAmount ?? booking.amount }
        guard booking.state == .paid else { return booking.refundAmount ?? 0 }
        switch choice {
        case .full:
            return booking.amount
        case .amount(let amount):
            guard (1...booking.amount).contains(amount) else { throw BookingError.invalidRefund(max: booking.amount) }
            return amount
        case .policy:
            let policy = content.restaurant(booking.restaurant)?.refundPolicy ?? RefundPolicy(fullRefundHoursBefore: 0, penaltyPercent: 0)
            return policy.refund(deposit: booking.amount, startsAt: booking.startsAt, cancelledAt: clock.now)
        }
    }

    private func cancel(_ booking: Booking, refund: Int, reason: String) async throws -> Booking {
        switch try await refundFlow.cancel(booking, refund: refund, reason: reason) {
        case .released(let released), .refunded(let released):
            return released
        case .refundPending(let pending, let why):
            log("refund pending for order \(pending.orderId): \(why)")
            return pending
        case .refused(_, let code):
            throw BookingError.refundRefused(code: code)
        case .notCancellable(let other):
            throw BookingError.notCancellable(other.state)
        case .notFound:
            throw BookingError.notFound
        }
    }

    /// What the guest would get back if a PAID booking were cancelled now; nil when the guest
    /// cannot cancel it (not paid, or the slot has started).
    package func refundIfCancelledNow(_ booking: Booking) -> Int? {
        guard booking.state == .paid, clock.now < booking.startsAt, let restaurant = content.restaurant(booking.restaurant) else { return nil }
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
