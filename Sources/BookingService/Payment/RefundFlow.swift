import BookingStore
import CivilTime
import Foundation
import TossClient
import YeyakContent

/// Cancelling a booking. A READY hold is simply released. A PAID booking is refunded as a state
/// of its own: CANCELLING, with the refund's amount, reason and Idempotency-Key, is committed
/// before Toss is called, so whatever happens next (a crash, a timeout, an error answer) the
/// booking is CANCELLED exactly when Toss shows the cancel, and is settled by lookup otherwise
/// (invariant 11). Seats stay taken until then.
struct RefundFlow: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let clock: any WallClock
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void

    enum Outcome: Sendable, Equatable {
        case released(Booking)
        case refunded(Booking)
        /// The refund is recorded (CANCELLING) but Toss has not shown it yet; it is settled by
        /// lookup (here on a repeat, or by the reconciler).
        case refundPending(Booking, reason: String)
        /// Toss definitely refused the refund: the booking is PAID again.
        case refused(Booking, code: String)
        case notCancellable(Booking)
        case notFound
    }

    /// Cancels `booking`, refunding `refund` KRW of its deposit if it is paid.
    func cancel(_ booking: Booking, refund: Int, reason: String) async throws -> Outcome {
        switch booking.state {
        case .ready:
            let outcome = try await store.releaseHold(orderId: booking.orderId, now: clock.now)
            return outcome.booking.map { $0.state == .failed ? .released($0) : .notCancellable($0) } ?? .notFound
        case .cancelling:
            return try await settle(booking)
        case .cancelled:
            // A repeat after a lost answer (or a second click): the same answer, refunded once.
            return .refunded(booking)
        case .paid where booking.paymentKey != nil:
            break
        default:
            return .notCancellable(booking)
        }
        switch try await store.beginCancel(orderId: booking.orderId, refundAmount: refund, reason: String(reason.prefix(200)),
                                           now: clock.now) {
        case .started(let cancelling, let key):
            return try await callToss(cancelling, idempotencyKey: key)
        case .inProgress(let cancelling):
            return try await settle(cancelling)
        case .alreadyCancelled(let cancelled):
            return .refunded(cancelled)
        case .notCancellable(let other):
            return .notCancellable(other)
        case .notFound:
            return .notFound
        }
    }

    /// A CANCELLING booking whose outcome is not known: Toss's payment says. A cancel it shows
    /// settles the booking; none shown, once the earlier call has surely ended, means that call
    /// changed nothing, so the refund is asked again under a new key (the old one would only
    /// replay the old answer). Used on a repeated cancel and by the reconciler.
    func settle(_ booking: Booking) async throws -> Outcome {
        guard booking.state == .cancelling, let paymentKey = booking.paymentKey else { return .notCancellable(booking) }
        let lookup = await toss.payment(paymentKey: paymentKey)
        switch lookup {
        case .done(let payment) where payment.status == .canceled || payment.status == .partialCanceled:
            return try await markCancelled(booking, refunded: payment.totalAmount - payment.balanceAmount)
        case .done(let payment) where payment.status == .done:
            let isPartial = (booking.refundAmount ?? booking.amount) < booking.amount
            let staleAfter = isPartial ? configuration.stalePartialCancelAfter : configuration.staleCancelAfter
            guard clock.now.timeIntervalSince(booking.updatedAt) >= staleAfter else {
                return .refundPending(booking, reason: "the cancel may still be in flight")
            }
            let key = try await store.renewIdempotencyKey(orderId: booking.orderId, operation: .cancel, now: clock.now)
            return try await callToss(booking, idempotencyKey: key)
        default:
            return .refundPending(booking, reason: "lookup: \(lookup.summary)")
        }
    }

    /// The one cancel call for the recorded refund.
    private func callToss(_ booking: Booking, idempotencyKey: String) async throws -> Outcome {
        guard let paymentKey = booking.paymentKey else { return .notCancellable(booking) }
        let refund = booking.refundAmount ?? booking.amount
        metrics.count("cancel_called")
        let answer = await toss.cancel(paymentKey: paymentKey, reason: booking.refundReason ?? "예약 취소",
                                       amount: refund == booking.amount ? nil : refund, idempotencyKey: idempotencyKey)
        switch answer {
        case .done(let payment) where payment.status == .canceled || payment.status == .partialCanceled:
            return try await markCancelled(booking, refunded: payment.totalAmount - payment.balanceAmount)
        case .refused(let code, _, _) where code == "ALREADY_REFUND_PAYMENT" || code == "ALREADY_CANCELED_PAYMENT":
            // Refunded before (e.g. a repeat after a lost answer): read the truth.
            if case .done(let payment) = await toss.payment(paymentKey: paymentKey),
               payment.status == .canceled || payment.status == .partialCanceled {
                return try await markCancelled(booking, refunded: payment.totalAmount - payment.balanceAmount)
            }
            return .refundPending(booking, reason: code)
        case .refused(let code, let message, _):
            log("refund refused for order \(booking.orderId): \(code) \(message)")
            metrics.count("refund_refused")
            let outcome = try await store.abandonCancel(orderId: booking.orderId, reason: "refund refused by Toss: \(code)",
                                                        now: clock.now)
            return .refused(outcome.booking ?? booking, code: code)
        default:
            return .refundPending(booking, reason: answer.summary)
        }
    }

    private func markCancelled(_ booking: Booking, refunded: Int) async throws -> Outcome {
        // Toss has refunded: a briefly locked database is waited out for a bounded time, and
        // otherwise the booking stays CANCELLING (recorded before the call) for the reconciler,
        // and the guest hears that the cancel is being completed, never a generic error.
        let (written, failure) = await retryingBlockedWrite(budget: configuration.refundWriteRetryBudget) {
            try await store.markCancelled(orderId: booking.orderId, refundAmount: refunded, at: clock.now)
        }
        guard let outcome = written else {
            log("order \(booking.orderId): Toss shows the refund but CANCELLED could not be written yet (\(failure.map { "\($0)" } ?? "")); the reconciler records it")
            return .refundPending(booking, reason: "CANCELLED not written yet")
        }
        metrics.count("booking_refunded")
        switch outcome {
        case .moved(let cancelled), .unchanged(let cancelled): return .refunded(cancelled)
        case .notAllowed(let other): return other.state == .cancelled ? .refunded(other) : .notCancellable(other)
        case .notFound: return .notFound
        }
    }
}
