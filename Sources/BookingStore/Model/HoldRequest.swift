/// A guest asking to hold seats of a slot. It carries no price: the amount comes from the
/// stored inventory. Fields are validated by the service before they reach the store.
public struct HoldRequest: Sendable, Hashable {
    public var slotId: String
    public var partySize: Int
    /// The guest's random Toss `customerKey`; also the key to their own bookings.
    public var customerKey: String
    public var guestName: String
    /// Normalised phone number.
    public var phone: String
    public var comment: String

    public init(
        slotId: String, partySize: Int, customerKey: String, guestName: String, phone: String,
        comment: String = ""
    ) {
        self.slotId = slotId
        self.partySize = partySize
        self.customerKey = customerKey
        self.guestName = guestName
        self.phone = phone
        self.comment = comment
    }
}
