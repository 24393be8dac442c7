import BookingStore

/// What became of a payment, from the moment Toss answers to the page the guest sees: the one
/// type the confirm flow, the settlement, the reconciler, the webhook and the result page share,
/// so an outcome is decided once and never re-translated on the way.
package enum PaymentOutcome: Sendable, Equatable {
    /// Toss said DONE and the booking is PAID.
    case paid(Booking)
    /// Not booked, not charged (a refusal, an abort, seats gone, a lapsed hold).
    case failed(Booking)
    /// Still unknown: the booking keeps its seats (CONFIRMING or NEEDS_ATTENTION) and is checked
    /// in the background; the page shows the booking number and says so.
    case checking(Booking)
    /// Toss said DONE (the guest is charged) but the PAID write could not go through in time
    /// (the database locked by another connection): the booking stays CONFIRMING with its seats,
    /// and the reconciler records it PAID; the page says the payment is confirmed.
    case recording(Booking)
    /// Cancelled: refunded (CANCELLED), or the refund is recorded and being settled with Toss
    /// (CANCELLING; the booking says which).
    case cancelled(Booking)
    /// No booking of ours has this order id.
    case notFound
    /// The redirect's amount differs from the stored one: refused before Toss is called.
    case amountMismatch
    /// The redirect's paymentKey is not this order's (Toss shows another payment, or none): the
    /// booking is left exactly as it was.
    case foreignPayment
    /// The database stayed locked by another connection before Toss was called: nothing is
    /// charged, the hold keeps its seats, and reloading the success redirect goes on.
    case notStarted

    /// The outcome a booking's current state stands for, when no new answer from Toss is at hand
    /// (a reload, a duplicate redirect, a booking that is not confirmable).
    package static func of(_ booking: Booking) -> PaymentOutcome {
        switch booking.state {
        case .paid: return .paid(booking)
        case .cancelled, .cancelling: return .cancelled(booking)
        case .failed, .expired, .ready: return .failed(booking)
        case .confirming, .needsAttention: return .checking(booking)
        }
    }

    /// The booking the outcome is about, when there is one.
    package var booking: Booking? {
        switch self {
        case .paid(let booking), .failed(let booking), .checking(let booking), .recording(let booking), .cancelled(let booking):
            return booking
        case .notFound, .amountMismatch, .foreignPayment, .notStarted: return nil
        }
    }

    /// True once the booking reached a final answer (anything but `.checking`, `.recording`).
    var isSettled: Bool {
        switch self {
        case .checking, .recording: return false
        default: return true
        }
    }
}
