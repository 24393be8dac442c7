import Foundation

/// What a page or a guest sees of one slot: its terms and the seats still free.
package struct SlotAvailability: Sendable, Hashable {
    package var slotId: String
    package var restaurant: String
    package var tableId: String
    package var startsAt: Date
    package var capacity: Int
    /// Seats occupied by paid, confirming, needs-attention and live READY bookings.
    /// May exceed `capacity` after content lowered it; that slot sells nothing until it fits.
    package var seatsTaken: Int
    /// `capacity - seatsTaken`, never negative.
    package var seatsLeft: Int
    package var depositPerPerson: Int
    package var maxPartySize: Int
    package var orderName: String
    /// Gone from content but kept because it has bookings: sells no new holds.
    package var retired: Bool

    package init(
        slotId: String, restaurant: String, tableId: String, startsAt: Date, capacity: Int,
        seatsTaken: Int, depositPerPerson: Int, maxPartySize: Int, orderName: String, retired: Bool
    ) {
        self.slotId = slotId
        self.restaurant = restaurant
        self.tableId = tableId
        self.startsAt = startsAt
        self.capacity = capacity
        self.seatsTaken = seatsTaken
        self.seatsLeft = max(0, capacity - seatsTaken)
        self.depositPerPerson = depositPerPerson
        self.maxPartySize = maxPartySize
        self.orderName = orderName
        self.retired = retired
    }
}
