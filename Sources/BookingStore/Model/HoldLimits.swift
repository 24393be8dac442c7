/// How much one client may hold unpaid at once, decided inside the hold transaction so no
/// concurrency can beat it. "Unpaid" is a live READY hold: once the guest is paying
/// (CONFIRMING) or has paid, the seats no longer count against anyone. nil turns a limit off.
package struct HoldLimits: Sendable, Hashable {
    /// Live holds per phone number.
    package var holdsPerPhone: Int?
    /// Unpaid seats per client address, across the site.
    package var seatsPerAddress: Int?
    /// Unpaid seats per network (/24 IPv4, /64 IPv6), across the site.
    package var seatsPerNetwork: Int?
    /// The share of one slot's seats (percent, 1-100) one network may hold unpaid; a network may
    /// always hold one full table (the slot's largest party), so a big party is never refused.
    package var slotSharePercent: Int?

    package init(holdsPerPhone: Int? = nil, seatsPerAddress: Int? = nil, seatsPerNetwork: Int? = nil,
                 slotSharePercent: Int? = nil) {
        self.holdsPerPhone = holdsPerPhone
        self.seatsPerAddress = seatsPerAddress
        self.seatsPerNetwork = seatsPerNetwork
        self.slotSharePercent = slotSharePercent
    }

    /// No limit but the per-guest one (the store's default, for tools and tests).
    package static let off = HoldLimits()

    /// What `yeyak serve` and `yeyak dev` use unless told otherwise (see docs/service.md,
    /// "Hold limits"). Korean carriers put many phones behind one carrier-grade NAT address,
    /// so the per-address and per-network limits are loose (about 15 and 70 parties paying at
    /// once) and the real guard against one client blocking a slot is the per-slot share.
    package static let standard = HoldLimits(holdsPerPhone: 3, seatsPerAddress: 40, seatsPerNetwork: 200, slotSharePercent: 50)

    /// The unpaid seats one network may hold in a slot of `capacity` whose largest party is `maxPartySize`.
    package func slotAllowance(capacity: Int, maxPartySize: Int) -> Int? {
        guard let percent = slotSharePercent else { return nil }
        return min(capacity, max(capacity * percent / 100, maxPartySize))
    }
}
