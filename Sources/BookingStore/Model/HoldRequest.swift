/// A guest asking to hold seats of a slot. It carries no price: the amount comes from the
/// stored inventory. Fields are validated by the service before they reach the store.
package struct HoldRequest: Sendable, Hashable {
    package var slotId: String
    package var partySize: Int
    /// The guest's random Toss `customerKey`; also the key to their own bookings.
    package var customerKey: String
    package var guestName: String
    /// Normalised phone number.
    package var phone: String
    package var comment: String
    /// Where the request came from (the socket peer or a trusted proxy's forwarded address),
    /// counted against the per-address and per-network hold limits.
    package var client: ClientAddress

    package init(
        slotId: String, partySize: Int, customerKey: String, guestName: String, phone: String,
        comment: String = "", client: ClientAddress = .unknown
    ) {
        self.slotId = slotId
        self.partySize = partySize
        self.customerKey = customerKey
        self.guestName = guestName
        self.phone = phone
        self.comment = comment
        self.client = client
    }
}
