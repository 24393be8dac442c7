import Foundation

/// What a page or a guest sees of one slot: its terms and the seats still free.
public struct SlotAvailability: Sendable, Hashable {
    public var slotId: String
    public var restaurant: String
    public var tableId: String
    public var startsAt: Date
    public var capacity: Int
    /// Seats occupied by paid, confirming, needs-attention and live READY bookings.
    /// May exceed `capacity` after content lowered it; that slot sells nothing until it fits.
    public var seatsTaken: Int
    /// `capacity - seatsTaken`, never negative.
    public var seatsLeft: Int
    public var depositPerPerson: Int
    public var maxPartySize: Int
    public var orderName: String
    /// Gone from content but kept because it has bookings: sells no new holds.
    public var retired: Bool

    public init(
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
