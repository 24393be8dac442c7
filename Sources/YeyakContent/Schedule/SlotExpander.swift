import Foundation

/// Turns weekly rules and explicit slots into dated slots on the restaurant's wall clock.
///
/// Pure: `today` is passed in, so tests pin the calendar (month ends, leap days) and a rebuild
/// on another day only adds or drops slots at the edges, never renames the ones in between.
package enum SlotExpander {
    package struct Conflict: Equatable, Sendable {
        /// Which rule (or override) index produced a slot that an earlier one already did.
        package let source: String
        package let slotId: String
    }

    package static func expand(
        restaurant slug: String, tables: [Table], rules: [WeeklyRule], overrides: [SlotOverride],
        today: LocalDate, zone: TimeZone
    ) -> (slots: [Slot], conflicts: [Conflict]) {
        var byId: [String: Slot] = [:]
        let instants = InstantCache(zone: zone)
        var conflicts: [Conflict] = []
        let tableSeats = Dictionary(tables.map { ($0.id, $0.seats) }, uniquingKeysWith: { first, _ in first })

        for (ruleIndex, rule) in rules.enumerated() {
            let ruleTables = rule.tables.isEmpty ? tables.map(\.id) : rule.tables
            let dates: [LocalDate]
            switch rule.period {
            case .nextDays(let count):
                dates = (0..<max(0, count)).map { today.adding(days: $0) }
            case .dates(let from, let until):
                dates = from <= until ? (from.dayNumber...until.dayNumber).map(LocalDate.init(dayNumber:)) : []
            }
            for date in dates where rule.days.contains(date.weekday) {
                for time in rule.times {
                    for table in ruleTables {
                        guard let seats = rule.seats ?? tableSeats[table] else { continue }
                        let start = LocalDateTime(date: date, time: time)
                        let id = Slot.id(restaurant: slug, table: table, start: start)
                        if byId[id] != nil {
                            conflicts.append(Conflict(source: "weekly[\(ruleIndex)]", slotId: id))
                            continue
                        }
                        byId[id] = Slot(id: id, restaurant: slug, tableId: table, start: start,
                                        startsAt: instants.instant(start), capacity: seats)
                    }
                }
            }
        }

        var overridden = Set<String>()
        for (index, override) in overrides.enumerated() {
            let id = Slot.id(restaurant: slug, table: override.tableId, start: override.start)
            if overridden.contains(id) {
                conflicts.append(Conflict(source: "slots[\(index)]", slotId: id))
                continue
            }
            overridden.insert(id)
            if override.closed {
                byId[id] = nil
                continue
            }
            guard let seats = override.seats ?? byId[id]?.capacity ?? tableSeats[override.tableId] else { continue }
            byId[id] = Slot(id: id, restaurant: slug, tableId: override.tableId, start: override.start,
                            startsAt: instants.instant(override.start), capacity: seats)
        }

        return (sortedByStartThenTable(Array(byId.values)), conflicts)
    }

    /// Sorted by start, then table id. Each slot gets one integer key (minute of its start x the
    /// rank of its table id), and the keys are sorted instead of the slots: comparing
    /// `(LocalDateTime, String)` tuples copied whole slots and was half of expanding them.
    /// Keys are unique because a slot's id is made of its table and start.
    static func sortedByStartThenTable(_ slots: [Slot]) -> [Slot] {
        let tableIds = Set(slots.map(\.tableId)).sorted()
        let rank = Dictionary(uniqueKeysWithValues: tableIds.enumerated().map { ($1, $0) })
        var order: [(key: Int, index: Int)] = []
        order.reserveCapacity(slots.count)
        for (index, slot) in slots.enumerated() {
            let minute = slot.start.date.dayNumber * 1440 + slot.start.time.minutesSinceMidnight
            order.append((minute * tableIds.count + rank[slot.tableId]!, index))
        }
        order.sort { $0.key < $1.key }
        return order.map { slots[$0.index] }
    }
}

/// Wall-clock -> instant with the zone's offset looked up once per date and hour: asking ICU
/// for every one of a large group's ~250,000 slots dominated loading the content.
final class InstantCache {
    private let zone: TimeZone
    private var offsets: [Int: Date] = [:]
    init(zone: TimeZone) { self.zone = zone }

    func instant(_ value: LocalDateTime) -> Date {
        let key = value.date.dayNumber * 24 + value.time.hour
        let hourStart: Date
        if let cached = offsets[key] {
            hourStart = cached
        } else {
            hourStart = LocalDateTime(date: value.date, time: LocalTime(hour: value.time.hour, minute: 0)!).instant(in: zone)
            offsets[key] = hourStart
        }
        return hourStart.addingTimeInterval(Double(value.time.minute * 60))
    }
}
