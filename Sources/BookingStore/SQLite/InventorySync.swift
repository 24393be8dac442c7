import Foundation

/// Makes the stored slots match what content says now, in one transaction.
///
/// A slot gone from content is deleted only if nobody ever booked it; otherwise it is kept,
/// marked retired (sells nothing new) and, while upcoming with live or paid bookings, reported.
/// A capacity now below the seats taken is reported; holds stop because seats left is zero.
enum InventorySync {
    static func run(_ db: SQLiteConnection, slots: [SlotInventory], now: Date) throws -> InventoryReport {
        var report = InventoryReport()
        let existing = try storedSlots(db)
        var seen = Set<String>()

        for slot in slots {
            let slot = normalised(slot)
            guard seen.insert(slot.slotId).inserted else { continue }
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
            let taken = try BookingRecords.seatsTaken(db, slotId: slot.slotId, now: now)
            if taken > slot.capacity {
                report.overbooked.append(.init(slotId: slot.slotId, capacity: slot.capacity, seatsTaken: taken))
            }
        }

        for (slotId, old) in existing.sorted(by: { $0.key < $1.key }) where !seen.contains(slotId) {
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

    private static func storedSlots(_ db: SQLiteConnection) throws -> [String: (slot: SlotInventory, retired: Bool)] {
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
