import BookingStore
import CivilTime
import Foundation
import TossClient

/// The success redirect: check the amount against what we stored, move the booking to
/// CONFIRMING atomically (so duplicates cannot both confirm), call Toss once, and settle.
///
/// Whatever happens, the answer is learned from Toss, never guessed: an unknown outcome is
/// looked up by orderId, and what stays unknown is NEEDS_ATTENTION with its seats kept.
struct ConfirmFlow: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let settlement: PaymentSettlement
    let clock: any WallClock
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void

    func run(paymentKey: String, orderId: String, amount: Int) async throws -> PaymentOutcome {
        switch try await store.beginConfirm(orderId: orderId, paymentKey: paymentKey, amount: amount, now: clock.now) {
        case .notFound:
            return .notFound
        case .amountMismatch:
            metrics.count("tampered_amount_refused")
            return .amountMismatch
        case .alreadyPaid(let booking):
            return .paid(booking)
        case .seatsGone(let booking):
            return .failed(booking)
        case .inProgress(let booking):
            return try await waitForOtherConfirm(booking)
        case .notConfirmable(let booking):
            return .of(booking)
        case .started(let booking, let idempotencyKey):
            return try await confirm(booking, paymentKey: paymentKey, idempotencyKey: idempotencyKey)
        }
    }

    /// The one confirm call for this order (plus, at most, its idempotent replay), under the key
    /// `beginConfirm` stored with the move to CONFIRMING.
    private func confirm(_ booking: Booking, paymentKey: String, idempotencyKey: String) async throws -> PaymentOutcome {
        metrics.count("confirm_called")
        let answer = await toss.confirm(paymentKey: paymentKey, orderId: booking.orderId, amount: booking.amount,
                                        idempotencyKey: idempotencyKey)
        return try await settle(booking, paymentKey: paymentKey, answer: answer, idempotencyKey: idempotencyKey, mayRetry: true)
    }

    private func settle(_ booking: Booking, paymentKey: String, answer: TossResult, idempotencyKey: String,
                        mayRetry: Bool) async throws -> PaymentOutcome {
        switch answer {
        case .done(let payment):
            return try await settlement.apply(payment, to: booking)
        case .refused(let code, let message, _):
            log("confirm refused for order \(booking.orderId): \(code)")
            let outcome = try await store.markFailed(orderId: booking.orderId, code: code,
                                                     message: FailureMessages.reason(for: code, tossMessage: message), now: clock.now)
            metrics.count("confirm_refused")
            return outcome.booking.map(PaymentOutcome.of) ?? .notFound
        case .alreadyProcessed, .unknownOutcome:
            metrics.count("confirm_outcome_unknown")
            // Learn the truth from Toss by orderId.
            let lookup = await toss.payment(orderId: booking.orderId)
            if case .done(let payment) = lookup {
                if payment.status == .inProgress && mayRetry {
                    // Authenticated but not approved: the confirm did not take. Ask again with
                    // the same Idempotency-Key, so Toss still executes it at most once.
                    let again = await toss.confirm(paymentKey: paymentKey, orderId: booking.orderId,
                                                   amount: booking.amount, idempotencyKey: idempotencyKey)
                    return try await settle(booking, paymentKey: paymentKey, answer: again,
                                            idempotencyKey: idempotencyKey, mayRetry: false)
                }
                let result = try await settlement.apply(payment, to: booking)
                if case .checking = result {
                    return try await settlement.attention(booking, "confirm outcome unknown; Toss shows \(payment.status.rawValue)")
                }
                return result
            }
            return try await settlement.attention(
                booking, "confirm outcome unknown (\(answer.summary)); lookup: \(lookup.summary)")
        }
    }

    /// A second redirect for an order whose confirm is in flight waits for it to settle.
    private func waitForOtherConfirm(_ booking: Booking) async throws -> PaymentOutcome {
        let deadline = Date().addingTimeInterval(configuration.concurrentConfirmWait)  // real time, not the booking clock
        var current = booking
        while current.state == .confirming && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            guard let reread = try await store.booking(orderId: booking.orderId, now: clock.now) else { return .notFound }
            current = reread
        }
        return .of(current)
    }
}
