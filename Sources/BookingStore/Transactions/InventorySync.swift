import Foundation

/// Makes the stored slots match what content says now, in one transaction.
///
/// A slot gone from content is deleted only if nobody ever booked it; otherwise it is kept,
/// marked retired (sells nothing new) and, while upcoming with live or paid bookings, reported.
/// A capacity now below the seats taken is reported; holds stop because seats left is zero.
/// A slot with upcoming bookings is never dropped while its seats are offered again under a new
/// id (`conflicts`, PRODUCT.md invariant 9); a slot whose table was renamed (`renamedFrom`)
/// hands its bookings to the new id.
enum InventorySync {
    static func run(_ db: any StoreConnection, slots: [SlotInventory], now: Date) throws -> InventoryReport {
        let refused = try conflicts(db, slots: slots, now: now)
        guard refused.isEmpty else { throw InventoryConflict(dropped: refused) }
        var report = InventoryReport()
        let existing = try storedSlots(db)
        let incomingIds = Set(slots.map(\.slotId))
        var seen = Set<String>()
        var synced: [SlotInventory] = []
        var renames: [(from: String, to: String)] = []

        for slot in slots {
            var slot = normalised(slot)
            let renamedFrom = slot.renamedFrom
            slot.renamedFrom = nil  // not stored: compare what is
            guard seen.insert(slot.slotId).inserted else { continue }
            synced.append(slot)
            if let old = existing[slot.slotId] {
                if old.slot != slot || old.retired {
                    try db.run(
                        """
                        UPDATE slots SET restaurant = ?2, table_id = ?3, starts_at = ?4, capacity = ?5,
                            deposit_per_person = ?6, max_party_size = ?7, order_name = ?8, retired = 0
                        WHERE slot_id = ?1
                        """, values(slot))
                    report.changed.append(slot.slotId)
                }
            } else {
                try db.run(
                    """
                    INSERT INTO slots (slot_id, restaurant, table_id, starts_at, capacity,
                        deposit_per_person, max_party_size, order_name, retired)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)
                    """, values(slot))
                report.added.append(slot.slotId)
            }
            if let from = renamedFrom, from != slot.slotId, existing[from] != nil, !incomingIds.contains(from) {
                renames.append((from, slot.slotId))
            }
        }

        // A renamed table's slots hand their bookings (all of them, so the old row can go) to the
        // new ids: the seats stay taken where guests will now find them.
        var renamedAway = Set<String>()
        for rename in renames where renamedAway.insert(rename.from).inserted {
            let moved = try db.run("UPDATE bookings SET slot_id = ?2 WHERE slot_id = ?1", [.text(rename.from), .text(rename.to)])
            try db.run("DELETE FROM slots WHERE slot_id = ?1", [.text(rename.from)])
            if moved > 0 { report.carriedOver.append(.init(from: rename.from, to: rename.to, bookings: moved)) }
            report.removed.append(rename.from)
        }

        for slot in synced {
            let taken = try BookingRecords.seatsTaken(db, slotId: slot.slotId, now: now)
            if taken > slot.capacity {
                report.overbooked.append(.init(slotId: slot.slotId, capacity: slot.capacity, seatsTaken: taken))
            }
        }

        for (slotId, old) in existing.sorted(by: { $0.key < $1.key }) where !seen.contains(slotId) && !renamedAway.contains(slotId) {
            let everBooked = try db.row(
                "SELECT EXISTS (SELECT 1 FROM bookings WHERE slot_id = ?1)", [.text(slotId)]) { $0.int(0) != 0 } ?? true
            if !everBooked {
                try db.run("DELETE FROM slots WHERE slot_id = ?1", [.text(slotId)])
                report.removed.append(slotId)
                continue
            }
            if !old.retired {
                try db.run("UPDATE slots SET retired = 1 WHERE slot_id = ?1", [.text(slotId)])
            }
            let taken = try BookingRecords.seatsTaken(db, slotId: slotId, now: now)
            if taken > 0 && old.slot.startsAt > now {
                report.keptWithBookings.append(
                    .init(slotId: slotId, capacity: old.slot.capacity, seatsTaken: taken))
            } else if !old.retired {
                report.removed.append(slotId)
            }
        }
        return report
    }

    /// The upcoming slots with live or paid bookings that `slots` would drop (not listed, and
    /// no slot says it was renamed from them) while the same restaurant gets new seats at the
    /// same start: a new slot id there, a retired one back, or a slot with more seats than
    /// stored. Keeping such a slot retired while its seats are offered again would sell them
    /// twice, so the sync is refused instead. The same holds for a restaurant that is gone
    /// while a restaurant new to the store offers seats at the same start (a renamed file).
    /// Reads only.
    /// How close to a kept slot with bookings a new offer counts as selling the same table
    /// again. Content has no meal length; a booked table is taken for about this long, so a slot
    /// moved from 12:00 to 12:30 (or a renamed table at 13:00) would seat two parties at once
    /// (found by an outside review: only the very same start was caught).
    static let sittingWindow: Int64 = 2 * 60 * 60 * 1000

    static func conflicts(_ db: any StoreConnection, slots: [SlotInventory], now: Date) throws -> [InventoryConflict.DroppedSlot] {
        let existing = try storedSlots(db)
        let incomingIds = Set(slots.map(\.slotId))
        let renamedAway = Set(slots.compactMap(\.renamedFrom))
        var offered: [String: [(millis: Int64, slotId: String)]] = [:]
        let knownRestaurants = Set(existing.values.map(\.slot.restaurant))
        let incomingRestaurants = Set(slots.map(\.restaurant))
        var offeredByNewRestaurants: [(millis: Int64, slotId: String)] = []
        for slot in slots where !knownRestaurants.contains(slot.restaurant) {
            offeredByNewRestaurants.append((slot.startsAt.storedMillis, slot.slotId))
        }
        for slot in slots {
            let old = existing[slot.slotId]
            if old == nil || old!.retired || slot.capacity > old!.slot.capacity {
                offered[slot.restaurant, default: []].append((slot.startsAt.storedMillis, slot.slotId))
            }
        }
        func within(_ offers: [(millis: Int64, slotId: String)], of millis: Int64) -> [String] {
            offers.filter { abs($0.millis - millis) < sittingWindow }.map(\.slotId)
        }
        var dropped: [InventoryConflict.DroppedSlot] = []
        for (slotId, old) in existing.sorted(by: { $0.key < $1.key })
        where !incomingIds.contains(slotId) && !renamedAway.contains(slotId) && old.slot.startsAt > now {
            let restaurantGone = !incomingRestaurants.contains(old.slot.restaurant)
            let start = old.slot.startsAt.storedMillis
            let offers = within(offered[old.slot.restaurant] ?? [], of: start)
                + (restaurantGone ? within(offeredByNewRestaurants, of: start) : [])
            guard !offers.isEmpty else { continue }
            let bookings = try db.rows(
                """
                SELECT b.order_id, b.party_size FROM bookings b
                WHERE b.slot_id = ?1 AND \(BookingRecords.occupiesSeats(alias: "b", nowParameter: "?2"))
                ORDER BY b.created_at, b.order_id
                """, [.text(slotId), .date(now)]) { ($0.text(0), $0.int(1)) }
            guard !bookings.isEmpty else { continue }
            dropped.append(.init(
                slotId: slotId, restaurant: old.slot.restaurant, tableId: old.slot.tableId, startsAt: old.slot.startsAt,
                bookings: bookings.map(\.0), seatsTaken: bookings.reduce(0) { $0 + $1.1 }, offeredAgainAs: offers.sorted()))
        }
        return dropped
    }

    private static func storedSlots(_ db: any StoreConnection) throws -> [String: (slot: SlotInventory, retired: Bool)] {
        let rows = try db.rows(
            """
            SELECT slot_id, restaurant, table_id, starts_at, capacity, deposit_per_person,
                   max_party_size, order_name, retired
            FROM slots
            """
        ) { row in
            (SlotInventory(
                slotId: row.text(0), restaurant: row.text(1), tableId: row.text(2), startsAt: row.date(3),
                capacity: row.int(4), depositPerPerson: row.int(5), maxPartySize: row.int(6),
                orderName: row.text(7)), row.int(8) != 0)
        }
        return Dictionary(rows.map { ($0.0.slotId, (slot: $0.0, retired: $0.1)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Rounds the start to what storage keeps, so an unchanged slot compares equal.
    private static func normalised(_ slot: SlotInventory) -> SlotInventory {
        var slot = slot
        slot.startsAt = Date(storedMillis: slot.startsAt.storedMillis)
        return slot
    }

    private static func values(_ slot: SlotInventory) -> [SQLValue] {
        [
            .text(slot.slotId), .text(slot.restaurant), .text(slot.tableId), .date(slot.startsAt),
            .int(slot.capacity), .int(slot.depositPerPerson), .int(slot.maxPartySize), .text(slot.orderName),
        ]
    }
}
