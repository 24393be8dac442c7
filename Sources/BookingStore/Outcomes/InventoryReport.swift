/// What an inventory sync changed and what staff must know about.
package struct InventoryReport: Sendable, Hashable {
    /// A slot and how its seats stand.
    package struct SlotSeats: Sendable, Hashable {
        package var slotId: String
        package var capacity: Int
        package var seatsTaken: Int
        package init(slotId: String, capacity: Int, seatsTaken: Int) {
            self.slotId = slotId
            self.capacity = capacity
            self.seatsTaken = seatsTaken
        }
    }

    package var added: [String] = []
    /// Capacity, price, party limit, names or start changed (or a retired slot came back).
    package var changed: [String] = []
    /// Gone from content with no live or paid bookings: no longer sold.
    package var removed: [String] = []
    /// Gone from content but upcoming with live or paid bookings: kept (retired, no new holds).
    package var keptWithBookings: [SlotSeats] = []
    /// Capacity now below the seats taken: no new holds until it fits again.
    package var overbooked: [SlotSeats] = []
    /// Bookings moved from a renamed slot to its new id: (from, to, how many bookings).
    package var carriedOver: [CarriedOver] = []
    /// Set when nothing was written because the database already holds newer content (another
    /// instance synced a later version; PostgreSQL store only): this version and the stored one.
    package var olderThanStored: (mine: Int64, stored: Int64)? {
        get { olderVersions.map { ($0[0], $0[1]) } }
        set { olderVersions = newValue.map { [$0.mine, $0.stored] } }
    }
    private var olderVersions: [Int64]?

    package struct CarriedOver: Sendable, Hashable {
        package var from: String
        package var to: String
        package var bookings: Int
        package init(from: String, to: String, bookings: Int) {
            self.from = from
            self.to = to
            self.bookings = bookings
        }
    }

    package init() {}

    /// Whether staff should be told about anything.
    package var needsStaffAttention: Bool { !keptWithBookings.isEmpty || !overbooked.isEmpty }
}
