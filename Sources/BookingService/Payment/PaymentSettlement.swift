import BookingStore
import CivilTime
import Foundation
import TossClient

/// Applies what Toss says about a payment to its booking (never `.amountMismatch`: that is
/// decided before Toss is asked). The one place that turns a Toss
/// Payment into a booking state, shared by the success redirect, the reconciler and the webhook,
/// so the three can never disagree.
///
/// Only a Payment read from Toss with the secret key is ever passed in: never a browser's or a
/// webhook body's claim (invariant 3: no PAID without Toss saying DONE).
struct PaymentSettlement: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let clock: any WallClock
    let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void
    var paidWriteRetryBudget: TimeInterval = 8

    /// Settles `booking` from the Payment Toss returned.
    ///
    /// Only the booking's own payment (its paymentKey) can fail or cancel it: an earlier
    /// payment-window attempt on the same order that Toss shows ABORTED or EXPIRED says nothing
    /// about the payment being confirmed now. A CANCELLING or CANCELLED booking belongs to the
    /// refund flow: a DONE read while its cancel is in flight changes nothing.
    func apply(_ payment: Payment, to booking: Booking) async throws -> PaymentOutcome {
        guard payment.orderId == booking.orderId else {
            return try await attention(booking, "Toss payment \(payment.paymentKey) belongs to order \(payment.orderId)")
        }
        let isCurrentPayment = booking.paymentKey == payment.paymentKey
        switch payment.status {
        case .done:
            if booking.state == .cancelling || booking.state == .cancelled { return .of(booking) }
            guard payment.totalAmount == booking.amount else {
                metrics.count("amount_mismatch_at_toss")
                return try await attention(booking, "Toss approved \(payment.totalAmount) but the booking is \(booking.amount)")
            }
            return try await markPaid(booking, payment)
        case .partialCanceled where isCurrentPayment && booking.state != .cancelling && booking.state != .cancelled:
            // No refund of ours is in flight, so this is one made outside Yeyak (a goodwill refund
            // in Toss's console): the guest still paid the balance and is still booked, so the
            // seats stay sold (found by an outside review: it cancelled the booking and resold them).
            let refunded = payment.totalAmount - payment.balanceAmount
            log("order \(booking.orderId): Toss shows a partial refund of \(refunded) made outside Yeyak; the booking stays booked with its seats")
            metrics.count("partial_refund_outside")
            return booking.state == .paid ? .paid(booking) : try await markPaid(booking, payment)
        case .canceled, .partialCanceled:
            guard isCurrentPayment else { return .of(booking) }
            switch booking.state {
            case .paid, .needsAttention, .cancelling:
                let refunded = payment.totalAmount - payment.balanceAmount
                let outcome = try await store.markCancelled(orderId: booking.orderId, refundAmount: refunded, at: clock.now)
                return outcome.booking.map { .cancelled($0) } ?? .notFound
            case .cancelled:
                return .of(booking)
            default:
                return try await fail(booking, code: "PAYMENT_CANCELED", message: "결제가 취소되었습니다.")
            }
        case .aborted, .expired:
            guard isCurrentPayment else { return .of(booking) }
            let code = payment.failure?.code ?? (payment.status == .expired ? "EXPIRED_PAYMENT" : "PAYMENT_ABORTED")
            return try await fail(booking, code: code, message: FailureMessages.korean(for: code))
        case .waitingForDeposit:
            return try await refuseVirtualAccount(booking, payment)
        case .ready, .inProgress, .other:
            return .checking(booking)
        }
    }

    /// A virtual account (가상계좌) confirms to WAITING_FOR_DEPOSIT: no money yet, and Yeyak does not
    /// take deposits that settle later. Close the account at Toss (nothing was paid, so no refund
    /// account is needed) and fail the booking, so its seats go back and it never waits in
    /// NEEDS_ATTENTION. The booking page and docs/deploy.md tell guests and operators which methods work.
    private func refuseVirtualAccount(_ booking: Booking, _ payment: Payment) async throws -> PaymentOutcome {
        metrics.count("virtual_account_refused")
        // A close moves no money, so each attempt may take a fresh key: an error answer stored
        // under an old one would otherwise be replayed to every retry.
        let key = try await store.renewIdempotencyKey(orderId: booking.orderId, operation: .cancel, now: clock.now)
        let answer = await toss.cancel(paymentKey: payment.paymentKey, reason: "가상계좌 결제는 지원하지 않습니다",
                                       amount: nil, idempotencyKey: key)
        guard case .done = answer else {
            // Until the account is closed a deposit can still arrive: keep the seats and let the
            // reconciler look again (a deposit then makes the booking PAID), never FAILED meanwhile.
            return try await attention(booking, "virtual account not closed at Toss yet (\(answer.summary))")
        }
        return try await fail(booking, code: "VIRTUAL_ACCOUNT_NOT_SUPPORTED",
                              message: FailureMessages.korean(for: "VIRTUAL_ACCOUNT_NOT_SUPPORTED"))
    }

    private func markPaid(_ booking: Booking, _ payment: Payment) async throws -> PaymentOutcome {
        var current = booking
        // A hold that lapsed (or was never confirmed by us) must first take its seats back.
        if current.state == .ready || current.state == .expired {
            switch try await store.beginConfirm(orderId: booking.orderId, paymentKey: payment.paymentKey,
                                                amount: booking.amount, now: clock.now) {
            case .started(let started, _): current = started
            case .alreadyPaid(let paid): return .paid(paid)
            case .seatsGone(let failed): return try await refundOrphan(failed, payment, reason: "seats gone before the payment was settled")
            case .inProgress(let other), .notConfirmable(let other): current = other
            case .amountMismatch, .notFound: return .notFound
            }
        }
        // Toss has charged the guest: a write that is briefly blocked is retried for a bounded
        // time, and then the guest is told the payment went through (never a generic error).
        let (written, failure) = await retryingBlockedWrite(budget: paidWriteRetryBudget) {
            try await store.markPaid(
                orderId: booking.orderId, paymentKey: payment.paymentKey, approvedAt: payment.approvedDate ?? clock.now,
                method: payment.method, receiptURL: payment.receipt?.url, now: clock.now)
        }
        guard let outcome = written else {
            log("order \(booking.orderId): Toss says DONE but PAID could not be written for \(Int(paidWriteRetryBudget)) s (\(failure.map { "\($0)" } ?? "")); the reconciler records it")
            metrics.count("paid_write_deferred")
            return .recording(current)
        }
        switch outcome {
        case .moved(let paid), .unchanged(let paid):
            if case .moved = outcome { metrics.count("booking_paid") }
            return .paid(paid)
        case .notAllowed(let other):
            // Toss holds money for a booking we already gave up (FAILED, EXPIRED): give it back.
            // Anything else (PAID, a refund in flight, already refunded) is the booking's own
            // payment and stays as it is: a DONE read racing a cancel must not refund in full.
            guard other.state == .failed || other.state == .expired else { return .of(other) }
            return try await refundOrphan(other, payment, reason: "payment DONE for a \(other.state.rawValue) booking")
        case .notFound:
            return .notFound
        }
    }

    private func fail(_ booking: Booking, code: String, message: String) async throws -> PaymentOutcome {
        switch try await store.markFailed(orderId: booking.orderId, code: code, message: message, now: clock.now) {
        case .moved(let failed), .unchanged(let failed):
            metrics.count("booking_failed")
            return .failed(failed)
        case .notAllowed(let other):
            return .of(other)  // paid, or refunded meanwhile: never "not charged" for a charged guest
        case .notFound:
            return .notFound
        }
    }

    func attention(_ booking: Booking, _ reason: String) async throws -> PaymentOutcome {
        log("needs attention: order \(booking.orderId): \(reason)")
        metrics.count("needs_attention")
        let outcome = try await store.markNeedsAttention(orderId: booking.orderId, reason: reason, now: clock.now)
        return .checking(outcome.booking ?? booking)
    }

    /// Money arrived for a booking that cannot have its seats: refund it in full (idempotently)
    /// and tell staff. Nobody keeps paying for a table they do not have.
    private func refundOrphan(_ booking: Booking, _ payment: Payment, reason: String) async throws -> PaymentOutcome {
        metrics.count("orphan_payment_refunded")
        log("refunding payment \(payment.paymentKey) of order \(booking.orderId) in full: \(reason)")
        // A full refund of a booking that never had a cancel of its own; a fresh key per attempt, so
        // a stored error answer is not replayed to the next try (Toss's webhook retries bring one).
        let key = try await store.renewIdempotencyKey(orderId: booking.orderId, operation: .cancel, now: clock.now)
        let answer = await toss.cancel(paymentKey: payment.paymentKey, reason: "좌석이 마감되어 예약금 전액을 환불합니다",
                                       amount: nil, idempotencyKey: key)
        if case .done = answer {
            return .failed(booking)
        }
        return try await attention(booking, "\(reason); the full refund did not go through yet (\(answer.summary))")
    }
}
