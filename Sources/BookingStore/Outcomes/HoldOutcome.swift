/// What became of a request to hold seats. Each refusal carries what the guest needs to hear.
package enum HoldOutcome: Sendable, Hashable {
    /// A new READY booking holds the seats.
    case created(Booking)
    /// The guest already held this slot: their READY booking, resized; its expiry never moves.
    case reused(Booking)
    /// Not enough seats. `seatsLeft` counts the guest's own held seats as available to them.
    case soldOut(seatsLeft: Int)
    case unknownSlot
    /// Gone from content (retired) or already started.
    case slotClosed
    case partyTooLarge(max: Int)
    /// A party of fewer than one guest.
    case invalidPartySize
    /// Anti-hoarding: this hold would pass one of the hold limits (`HoldLimits`).
    /// `retryAfter` is the whole seconds until the first of the holds counted against it lapses.
    case holdLimit(HoldLimit, retryAfter: Int)
}

/// Which hold limit refused a hold, with the limit's value.
package enum HoldLimit: Sendable, Hashable {
    /// Live holds of one `customerKey` (a value the client chooses: the weakest limit).
    case perGuest(holds: Int)
    /// Live holds of one phone number.
    case perPhone(holds: Int)
    /// Unpaid seats held by one client address across the site.
    case perAddress(seats: Int)
    /// Unpaid seats held by one network (/24, /64) across the site.
    case perNetwork(seats: Int)
    /// Unpaid seats one network may hold in this slot (its share, at least one full table).
    case slotShare(seats: Int)
}
