/// What a state move did, so a retried or duplicate call never acts twice.
package enum TransitionOutcome: Sendable, Hashable {
    /// The booking moved; here it is after the move.
    case moved(Booking)
    /// It was already in the target state (a repeat): nothing changed.
    case unchanged(Booking)
    /// Its current state may not make this move: nothing changed.
    case notAllowed(Booking)
    case notFound

    /// The booking after the call, whatever happened.
    package var booking: Booking? {
        switch self {
        case .moved(let b), .unchanged(let b), .notAllowed(let b): b
        case .notFound: nil
        }
    }
}
