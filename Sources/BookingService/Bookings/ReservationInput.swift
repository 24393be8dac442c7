/// A guest's hold request, checked field by field (see `ReservationInput.parse` in the HTTP
/// layer). The page applies the same rules, but the service never relies on that.
package struct ReservationInput: Sendable, Equatable {
    package var slotId: String
    package var partySize: Int
    package var customerKey: String
    package var name: String
    package var phone: PhoneNumber
    package var comment: String

    package init(slotId: String, partySize: Int, customerKey: String, name: String, phone: PhoneNumber, comment: String) {
        self.slotId = slotId
        self.partySize = partySize
        self.customerKey = customerKey
        self.name = name
        self.phone = phone
        self.comment = comment
    }
}
