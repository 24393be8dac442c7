import Foundation

/// A content edit the store refuses to sync (PRODUCT.md invariant 9): a slot with upcoming live
/// or paid bookings leaves the content while the same restaurant offers new seats at the same
/// start under another id (a renamed table: `drum2` -> `drum-2`), which would sell its seats
/// twice. Nothing of the sync is applied. The content says what became of the slot with the
/// table's `renamedFrom`, which carries the bookings over (`SlotInventory.renamedFrom`).
package struct InventoryConflict: Error, Sendable, Hashable, CustomStringConvertible {
    package struct DroppedSlot: Sendable, Hashable {
        package var slotId: String
        package var restaurant: String
        package var tableId: String
        package var startsAt: Date
        /// Order ids of the upcoming live (READY, CONFIRMING, NEEDS_ATTENTION) and PAID bookings.
        package var bookings: [String]
        package var seatsTaken: Int
        /// The slots at the same restaurant and start that are new or have more seats now.
        package var offeredAgainAs: [String]

        package init(slotId: String, restaurant: String, tableId: String, startsAt: Date, bookings: [String],
                     seatsTaken: Int, offeredAgainAs: [String]) {
            self.slotId = slotId
            self.restaurant = restaurant
            self.tableId = tableId
            self.startsAt = startsAt
            self.bookings = bookings
            self.seatsTaken = seatsTaken
            self.offeredAgainAs = offeredAgainAs
        }
    }

    package var dropped: [DroppedSlot]

    package init(dropped: [DroppedSlot]) { self.dropped = dropped }

    package var description: String {
        dropped.map { slot in
            "slot \(slot.slotId) (table '\(slot.tableId)') has \(slot.bookings.count) upcoming bookings "
                + "(\(slot.bookings.joined(separator: ", "))) but leaves the content while "
                + "\(slot.offeredAgainAs.joined(separator: ", ")) offers seats at the same start"
        }.joined(separator: "; ")
    }
}
