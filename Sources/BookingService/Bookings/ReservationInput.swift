/// A guest's hold request, checked field by field (see `ReservationInput.parse` in the HTTP
/// layer). The page applies the same rules, but the service never relies on that.
public struct ReservationInput: Sendable, Equatable {
    public var slotId: String
    public var partySize: Int
    public var customerKey: String
    public var name: String
    public var phone: PhoneNumber
    public var comment: String

    public init(slotId: String, partySize: Int, customerKey: String, name: String, phone: PhoneNumber, comment: String) {
        self.slotId = slotId
        self.partySize = partySize
        self.customerKey = customerKey
        self.name = name
        self.phone = phone
        self.comment = comment
    }
}
