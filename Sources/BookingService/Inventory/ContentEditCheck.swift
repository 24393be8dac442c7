import BookingStore
import Foundation
import YeyakContent

/// PRODUCT.md invariant 9 for editors: an edit that would drop a slot with upcoming bookings
/// while offering its seats again under a new id (a renamed table) is refused, said as content
/// problems that name the file, the table and the bookings. Used by `Bookings.load` (start,
/// SIGHUP, a `yeyak dev` rebuild) and `yeyak check --db`.
package enum ContentEditCheck {
    /// What the store would refuse for `content`, without writing anything; empty when the edit is safe.
    package static func problems(_ content: SiteContent, store: any BookingStore, now: Date) async throws -> [ContentProblem] {
        let conflicts = try await store.inventoryConflicts(InventoryBuilder.inventory(from: content, now: now), now: now)
        return problems(InventoryConflict(dropped: conflicts), content: content)
    }

    /// One problem per dropped slot, in the restaurant's file.
    package static func problems(_ conflict: InventoryConflict, content: SiteContent) -> [ContentProblem] {
        conflict.dropped.map { slot in
            let restaurant = content.restaurant(slot.restaurant)
            let file = "\(ContentLoader.restaurantsFolder)/\(slot.restaurant).json"
            let start = restaurant.map { _ in LocalDateTime(slot.startsAt, in: content.site.timeZone).description }
                ?? "\(slot.startsAt)"
            let shown = slot.bookings.prefix(10).joined(separator: ", ")
                + (slot.bookings.count > 10 ? " and \(slot.bookings.count - 10) more" : "")
            let bookings = "\(slot.bookings.count) upcoming booking\(slot.bookings.count == 1 ? "" : "s") "
                + "(\(slot.seatsTaken) seats; order \(shown))"
            let offered = slot.offeredAgainAs.joined(separator: ", ")
            let tableIndex = restaurant?.tables.firstIndex { $0.id == slot.tableId }
            if restaurant == nil {
                return ContentProblem(
                    file: file, field: "(file)",
                    message: "restaurant '\(slot.restaurant)' is gone, but its slot \(slot.slotId) at \(start) has \(bookings), "
                        + "and \(offered) now offers seats at the same time: they would be sold twice. A restaurant's "
                        + "bookings belong to its file name: if the file was renamed, keep the old name until these "
                        + "bookings are over or cancelled")
            }
            if tableIndex == nil {
                return ContentProblem(
                    file: file, field: "tables",
                    message: "table '\(slot.tableId)' is gone, but its slot \(slot.slotId) at \(start) has \(bookings), "
                        + "and \(offered) now offers seats at the same time: they would be sold twice. If the table was "
                        + "renamed, add \"renamedFrom\": \"\(slot.tableId)\" to it (the bookings move along); otherwise "
                        + "keep table '\(slot.tableId)' until these bookings are over or cancelled")
            }
            return ContentProblem(
                file: file, field: "tables[\(tableIndex!)]",
                message: "the slot \(slot.slotId) of table '\(slot.tableId)' at \(start) is gone, but it has \(bookings), "
                    + "and \(offered) now offers seats at the same time: they would be sold twice. Keep the slot "
                    + "until these bookings are over or cancelled, or move them first")
        }
    }
}
