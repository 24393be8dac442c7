import BookingStore
import CivilTime
import Foundation
import TossClient
import YeyakContent

/// Cancelling a booking: a READY hold is simply released; a PAID booking is refunded through
/// Toss (deposit minus the restaurant's penalty at this moment) with an Idempotency-Key stored
/// before the call, then marked CANCELLED with its seats released.
struct RefundFlow: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let clock: any WallClock
    let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void

    enum Outcome: Sendable, Equatable {
        case released(Booking)
        case refunded(Booking)
        /// Toss did not answer clearly; the booking stays PAID and the call can be repeated safely.
        case refundPending(Booking, reason: String)
        case notCancellable(Booking)
        case notFound
    }

    func cancel(_ booking: Booking, policy: RefundPolicy, reason: String) async throws -> Outcome {
        switch booking.state {
        case .ready:
            let outcome = try await store.failHold(orderId: booking.orderId, code: "USER_CANCELED", message: "예약을 취소하셨습니다.", now: clock.now)
            return outcome.booking.map { $0.state == .failed ? .released($0) : .notCancellable($0) } ?? .notFound
        case .paid:
            break
        default:
            return .notCancellable(booking)
        }
        guard let paymentKey = booking.paymentKey else { return .notCancellable(booking) }
        let refund = policy.refund(deposit: booking.amount, startsAt: booking.startsAt, cancelledAt: clock.now)
        let key = try await store.idempotencyKey(orderId: booking.orderId, operation: .cancel, now: clock.now)
        let answer = await toss.cancel(paymentKey: paymentKey, reason: String(reason.prefix(200)),
                                       amount: refund == booking.amount ? nil : refund, idempotencyKey: key)
        switch answer {
        case .done(let payment) where payment.status == .canceled || payment.status == .partialCanceled:
            return try await markCancelled(booking, refunded: payment.totalAmount - payment.balanceAmount)
        case .refused(let code, _, _) where code == "ALREADY_REFUND_PAYMENT" || code == "ALREADY_CANCELED_PAYMENT":
            // Refunded before (e.g. a repeated request after a lost answer): read the truth.
            if case .done(let payment) = await toss.payment(paymentKey: paymentKey),
               payment.status == .canceled || payment.status == .partialCanceled {
                return try await markCancelled(booking, refunded: payment.totalAmount - payment.balanceAmount)
            }
            return .refundPending(booking, reason: code)
        case .refused(let code, let message, _):
            log("refund refused for order \(booking.orderId): \(code) \(message)")
            return .refundPending(booking, reason: code)
        default:
            return .refundPending(booking, reason: answer.summary)
        }
    }

    private func markCancelled(_ booking: Booking, refunded: Int) async throws -> Outcome {
        let outcome = try await store.markCancelled(orderId: booking.orderId, refundAmount: refunded, at: clock.now)
        metrics.count("booking_refunded")
        switch outcome {
        case .moved(let cancelled), .unchanged(let cancelled): return .refunded(cancelled)
        case .notAllowed(let other): return other.state == .cancelled ? .refunded(other) : .notCancellable(other)
        case .notFound: return .notFound
        }
    }
}
