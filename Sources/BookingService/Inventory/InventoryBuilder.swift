import BookingStore
import Foundation
import YeyakContent

/// Content -> what the store sells. Prices, capacities and names always come from here,
/// never from a request.
package enum InventoryBuilder {
    /// Every upcoming slot of every restaurant (past slots are no longer sold).
    package static func inventory(from content: SiteContent, now: Date) -> [SlotInventory] {
        content.restaurants.flatMap { restaurant in
            restaurant.upcomingSlots(after: now).compactMap { slot -> SlotInventory? in
                guard let table = restaurant.table(slot.tableId) else { return nil }
                return SlotInventory(
                    slotId: slot.id, restaurant: restaurant.slug, tableId: table.id, startsAt: slot.startsAt,
                    capacity: slot.capacity, depositPerPerson: table.depositPerPerson, maxPartySize: table.seats,
                    orderName: orderName(restaurant: restaurant, table: table, slot: slot),
                    renamedFrom: table.renamedFrom.map { Slot.id(restaurant: restaurant.slug, table: $0, start: slot.start) })
            }
        }
    }

    /// What the guest sees in the Toss window, at most 100 characters (Toss's limit).
    static func orderName(restaurant: Restaurant, table: Table, slot: Slot) -> String {
        let name = "\(restaurant.name) \(KoreanFormat.dateTime(slot.start)) \(table.name) 예약금"
        return name.count <= 100 ? name : String(name.prefix(100))
    }
}
