/// What became of a request to hold seats. Each refusal carries what the guest needs to hear.
package enum HoldOutcome: Sendable, Hashable {
    /// A new READY booking holds the seats.
    case created(Booking)
    /// The guest already held this slot: their READY booking, resized and with a fresh expiry.
    case reused(Booking)
    /// Not enough seats. `seatsLeft` counts the guest's own held seats as available to them.
    case soldOut(seatsLeft: Int)
    case unknownSlot
    /// Gone from content (retired) or already started.
    case slotClosed
    case partyTooLarge(max: Int)
    /// A party of fewer than one guest.
    case invalidPartySize
    /// Anti-hoarding: the guest already holds `limit` live holds.
    case tooManyHolds(limit: Int)
}
