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

    enum Outcome: Sendable, Equatable {
        case paid(Booking)
        case failed(Booking)
        /// The payment is being checked; the page shows the booking number and says so.
        case checking(Booking)
        case cancelled(Booking)
        case notFound
        /// The redirect's amount differs from the stored one: refused before Toss is called.
        case amountMismatch
    }

    func run(paymentKey: String, orderId: String, amount: Int) async throws -> Outcome {
        switch try await store.beginConfirm(orderId: orderId, paymentKey: paymentKey, amount: amount, now: clock.now) {
        case .notFound:
            return .notFound
        case .amountMismatch:
            settlement.metrics.count("tampered_amount_refused")
            return .amountMismatch
        case .alreadyPaid(let booking):
            return .paid(booking)
        case .seatsGone(let booking):
            return .failed(booking)
        case .inProgress(let booking):
            return try await waitForOtherConfirm(booking)
        case .notConfirmable(let booking):
            return outcome(for: booking)
        case .started(let booking):
            return try await confirm(booking, paymentKey: paymentKey)
        }
    }

    /// The one confirm call for this order (plus, at most, its idempotent replay).
    private func confirm(_ booking: Booking, paymentKey: String) async throws -> Outcome {
        let key = try await store.idempotencyKey(orderId: booking.orderId, operation: .confirm, now: clock.now)
        settlement.metrics.count("confirm_called")
        let answer = await toss.confirm(paymentKey: paymentKey, orderId: booking.orderId, amount: booking.amount,
                                        idempotencyKey: key)
        return try await settle(booking, paymentKey: paymentKey, answer: answer, idempotencyKey: key, mayRetry: true)
    }

    private func settle(_ booking: Booking, paymentKey: String, answer: TossResult, idempotencyKey: String,
                        mayRetry: Bool) async throws -> Outcome {
        switch answer {
        case .done(let payment):
            return map(try await settlement.apply(payment, to: booking))
        case .refused(let code, let message, _):
            settlement.log("confirm refused for order \(booking.orderId): \(code)")
            let outcome = try await store.markFailed(orderId: booking.orderId, code: code,
                                                     message: FailureMessages.reason(for: code, tossMessage: message),
                                                     now: clock.now)
            settlement.metrics.count("confirm_refused")
            return outcome.booking.map(outcome(for:)) ?? .notFound
        case .alreadyProcessed, .unknownOutcome:
            settlement.metrics.count("confirm_outcome_unknown")
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
                    return map(try await settlement.attention(booking, "confirm outcome unknown; Toss shows \(payment.status.rawValue)"))
                }
                return map(result)
            }
            return map(try await settlement.attention(
                booking, "confirm outcome unknown (\(TossClientSummary.describe(answer))); lookup: \(TossClientSummary.describe(lookup))"))
        }
    }

    /// A second redirect for an order whose confirm is in flight waits for it to settle.
    private func waitForOtherConfirm(_ booking: Booking) async throws -> Outcome {
        let deadline = Date().addingTimeInterval(configuration.concurrentConfirmWait)  // real time, not the booking clock
        var current = booking
        while current.state == .confirming && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            guard let reread = try await store.booking(orderId: booking.orderId, now: clock.now) else { return .notFound }
            current = reread
        }
        return outcome(for: current)
    }

    private func map(_ result: PaymentSettlement.Result) -> Outcome {
        switch result {
        case .paid(let booking): return .paid(booking)
        case .failed(let booking): return .failed(booking)
        case .checking(let booking): return .checking(booking)
        case .cancelled(let booking): return .cancelled(booking)
        case .notFound: return .notFound
        }
    }

    func outcome(for booking: Booking) -> Outcome {
        switch booking.state {
        case .paid: return .paid(booking)
        case .cancelled: return .cancelled(booking)
        case .failed, .expired, .ready: return .failed(booking)
        case .confirming, .needsAttention: return .checking(booking)
        }
    }
}
