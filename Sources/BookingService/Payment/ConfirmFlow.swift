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

    func run(paymentKey: String, orderId: String, amount: Int, mayRestart: Bool = true) async throws -> PaymentOutcome {
        // Toss has not been called yet: a database locked by another connection (a backup, an
        // operator's sqlite3 shell) is waited out for a while, and otherwise the guest hears that
        // nothing was charged and that reloading the page goes on, never a generic error.
        let (started, failure) = await retryingBlockedWrite(
            budget: configuration.confirmStartRetryBudget,
            onlyWhen: { ($0 as? BookingStoreError)?.isBlockedByAnotherConnection == true }
        ) {
            try await store.beginConfirm(orderId: orderId, paymentKey: paymentKey, amount: amount, now: clock.now)
        }
        guard let started else {
            if let failure = failure as? BookingStoreError, failure.isBlockedByAnotherConnection {
                log("confirm for order \(orderId) not started: the database stayed locked (\(failure)); Toss was not called")
                metrics.count("confirm_start_blocked")
                return .notStarted
            }
            throw failure ?? BookingStoreError.closed
        }
        switch started {
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
            let settled = try await waitForOtherConfirm(booking)
            // The other confirm carried a key that was not this order's and was undone: this
            // redirect (the guest's own, perhaps) gets its turn.
            if mayRestart, case .failed(let reverted) = settled, reverted.state == .ready || reverted.state == .expired {
                return try await run(paymentKey: paymentKey, orderId: orderId, amount: amount, mayRestart: false)
            }
            return settled
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
            metrics.count("confirm_refused")
            // A refusal fails the booking only when the key is the order's own payment at Toss:
            // a redirect with someone else's (or a made-up) paymentKey must not fail the guest's hold.
            switch await toss.payment(orderId: booking.orderId) {
            case .done(let payment) where payment.paymentKey == paymentKey:
                let outcome = try await store.markFailed(orderId: booking.orderId, code: code,
                                                         message: FailureMessages.reason(for: code, tossMessage: message), now: clock.now)
                return outcome.booking.map(PaymentOutcome.of) ?? .notFound
            case .done(let payment) where payment.status == .done:
                // The order is paid, under its own key: that truth wins over this refusal.
                return try await settlement.apply(payment, to: booking)
            case let lookup where isForeign(paymentKey, lookup):
                return try await undoForeign(booking, paymentKey: paymentKey)
            case let lookup:
                return try await settlement.attention(booking, "confirm refused (\(code)); lookup to check the key: \(lookup.summary)")
            }
        case .alreadyProcessed, .unknownOutcome:
            metrics.count("confirm_outcome_unknown")
            // Learn the truth from Toss by orderId.
            let lookup = await toss.payment(orderId: booking.orderId)
            if isForeign(paymentKey, lookup) {
                // Toss has no payment for this order, or one under another key that is not DONE:
                // the redirect's key was never the order's (a forged or pasted redirect). Undo, as
                // for a refusal, rather than park someone's hold in NEEDS_ATTENTION.
                return try await undoForeign(booking, paymentKey: paymentKey)
            }
            if case .done(let payment) = lookup {
                if payment.status == .inProgress && payment.paymentKey == paymentKey && mayRetry {
                    // Authenticated but not approved: the lookup proves the confirm changed
                    // nothing. Toss replays whatever answer it stored under the old key (an error
                    // too), so the one retry goes under a new key; Toss still approves at most once.
                    let key = try await store.renewIdempotencyKey(orderId: booking.orderId, operation: .confirm, now: clock.now)
                    metrics.count("confirm_retried")
                    let again = await toss.confirm(paymentKey: paymentKey, orderId: booking.orderId,
                                                   amount: booking.amount, idempotencyKey: key)
                    return try await settle(booking, paymentKey: paymentKey, answer: again,
                                            idempotencyKey: key, mayRetry: false)
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

    /// Whether a lookup by orderId shows that `paymentKey` is not this order's payment.
    private func isForeign(_ paymentKey: String, _ lookup: TossResult) -> Bool {
        switch lookup {
        case .done(let payment): return payment.paymentKey != paymentKey && payment.status != .done
        case .refused(let code, _, _): return code == "NOT_FOUND_PAYMENT" || code == "NOT_FOUND"
        default: return false
        }
    }

    /// CONFIRMING -> READY as it was, with a fresh confirm key for the guest's own redirect.
    private func undoForeign(_ booking: Booking, paymentKey: String) async throws -> PaymentOutcome {
        metrics.count("foreign_payment_key_refused")
        log("success redirect for order \(booking.orderId) carried a paymentKey Toss does not show for it; booking left as it was")
        _ = try await store.revertConfirm(orderId: booking.orderId, paymentKey: paymentKey, now: clock.now)
        return .foreignPayment
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
