/// What an inventory sync changed and what staff must know about.
public struct InventoryReport: Sendable, Hashable {
    /// A slot and how its seats stand.
    public struct SlotSeats: Sendable, Hashable {
        public var slotId: String
        public var capacity: Int
        public var seatsTaken: Int
        public init(slotId: String, capacity: Int, seatsTaken: Int) {
            self.slotId = slotId
            self.capacity = capacity
            self.seatsTaken = seatsTaken
        }
    }

    public var added: [String] = []
    /// Capacity, price, party limit, names or start changed (or a retired slot came back).
    public var changed: [String] = []
    /// Gone from content with no live or paid bookings: no longer sold.
    public var removed: [String] = []
    /// Gone from content but upcoming with live or paid bookings: kept (retired, no new holds).
    public var keptWithBookings: [SlotSeats] = []
    /// Capacity now below the seats taken: no new holds until it fits again.
    public var overbooked: [SlotSeats] = []

    public init() {}

    /// Whether staff should be told about anything.
    public var needsStaffAttention: Bool { !keptWithBookings.isEmpty || !overbooked.isEmpty }
}
