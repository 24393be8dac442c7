/// Where a booking is in its life, from seats held to paid, refused or let go.
///
/// The table of allowed moves is pure so it can be tested exhaustively apart from storage.
/// A READY booking whose hold has lapsed is reported as `.expired` by every read of the store,
/// though the file keeps READY: nothing sweeps (availability is computed from live holds).
package enum BookingState: String, Sendable, CaseIterable, Codable, Hashable {
    /// Seats held until `expiresAt`; the guest is in the Toss payment window.
    case ready = "READY"
    /// The confirm call to Toss is in flight: seats are kept whatever the clock says.
    case confirming = "CONFIRMING"
    /// Toss said DONE: the deposit is taken and the seats are the guest's.
    case paid = "PAID"
    /// A definite refusal (card declined, buyer cancelled, seats gone): seats released.
    case failed = "FAILED"
    /// The hold lapsed before payment: seats released.
    case expired = "EXPIRED"
    /// A refund is recorded (amount, reason, Idempotency-Key) and the Toss cancel is in flight or
    /// its outcome unknown: seats are kept until Toss shows the cancel (invariant 11).
    case cancelling = "CANCELLING"
    /// Refunded through Toss after payment: seats released.
    case cancelled = "CANCELLED"
    /// The confirm outcome is unknown; seats are kept while the reconciler and staff find out.
    case needsAttention = "NEEDS_ATTENTION"

    /// The states this one may move to (PRODUCT.md "Booking states").
    ///
    /// - EXPIRED -> CONFIRMING is the late payment: the buyer paid after the hold lapsed, and the
    ///   seats are re-taken only if still free (otherwise EXPIRED -> FAILED, nothing confirmed).
    /// - NEEDS_ATTENTION -> CANCELLED lets staff refund a payment that could not be honoured.
    /// - CONFIRMING -> READY undoes a confirm begun with a paymentKey that Toss shows is not the
    ///   order's (someone else's redirect): the guest's hold is left as it was.
    /// - CANCELLING -> PAID when Toss definitely refused the refund: the booking stands.
    package var allowedNextStates: Set<BookingState> {
        switch self {
        case .ready: [.confirming, .failed, .expired]
        case .expired: [.confirming, .failed]
        case .confirming: [.paid, .failed, .needsAttention, .ready]
        case .needsAttention: [.paid, .failed, .cancelled]
        case .paid: [.cancelling, .cancelled]
        case .cancelling: [.cancelled, .paid]
        case .failed, .cancelled: []
        }
    }

    package func canMove(to next: BookingState) -> Bool {
        allowedNextStates.contains(next)
    }

    /// Whether a booking in this state occupies seats of its slot
    /// (READY only while its hold is live, which the caller checks against the clock).
    package var occupiesSeats: Bool {
        switch self {
        case .ready, .confirming, .paid, .needsAttention, .cancelling: true
        case .failed, .expired, .cancelled: false
        }
    }

    /// No further move is possible.
    package var isFinal: Bool { allowedNextStates.isEmpty }
}
