/// What a Toss call means for the booking, not just what came back.
///
/// The split matters for money: only `.refused` is a definite "nothing happened"; after
/// `.unknownOutcome` the payment may well be DONE and must be looked up, never assumed failed.
package enum TossResult: Sendable, Equatable {
    /// Toss answered with a Payment object. For confirm that means approved (DONE); for a
    /// lookup, read `payment.status`.
    case done(Payment)
    /// A definite refusal (card declined, invalid request, session expired, not found, ...).
    case refused(code: String, message: String, httpStatus: Int)
    /// `ALREADY_PROCESSED_PAYMENT`: the confirm already happened (e.g. a reloaded success page);
    /// look the payment up to learn the outcome.
    case alreadyProcessed(message: String)
    /// Timeout, connection error, 5xx, `PROVIDER_ERROR` or an unreadable answer: the payment
    /// may or may not have moved.
    case unknownOutcome(reason: String)

    package var payment: Payment? {
        if case .done(let payment) = self { return payment }
        return nil
    }

    /// A short description for logs and staff notes: never the secret, never a body.
    package var summary: String {
        switch self {
        case .done(let payment): return "payment \(payment.status.rawValue)"
        case .refused(let code, _, let status): return "refused \(code) (HTTP \(status))"
        case .alreadyProcessed: return "already processed"
        case .unknownOutcome(let reason): return "unknown outcome: \(reason)"
        }
    }
}
