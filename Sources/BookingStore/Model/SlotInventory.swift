import Foundation

/// One sellable time slot of one table, as the content files describe it right now.
/// The service maps content to this; the store keeps the price and capacity it was last given,
/// so a price never comes from a request.
package struct SlotInventory: Sendable, Hashable, Codable {
    /// Stable id derived from restaurant, table and start (a rebuild never renumbers slots).
    package var slotId: String
    /// The restaurant's slug.
    package var restaurant: String
    package var tableId: String
    package var startsAt: Date
    /// Seats that can be sold in this slot.
    package var capacity: Int
    /// Deposit per guest in KRW.
    package var depositPerPerson: Int
    /// Largest party one booking may bring (the table's seats).
    package var maxPartySize: Int
    /// What the Toss payment window shows (<= 100 characters).
    package var orderName: String
    /// The id this slot had before its table was renamed (content's `renamedFrom`): the sync moves
    /// that slot's bookings here, so they keep their seats and nothing is sold twice.
    package var renamedFrom: String?

    package init(
        slotId: String, restaurant: String, tableId: String, startsAt: Date, capacity: Int,
        depositPerPerson: Int, maxPartySize: Int, orderName: String, renamedFrom: String? = nil
    ) {
        self.slotId = slotId
        self.restaurant = restaurant
        self.tableId = tableId
        self.startsAt = startsAt
        self.capacity = capacity
        self.depositPerPerson = depositPerPerson
        self.maxPartySize = maxPartySize
        self.orderName = orderName
        self.renamedFrom = renamedFrom
    }
}
