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
        let instants = InstantCache(zone: zone)
        var conflicts: [Conflict] = []
        let tableSeats = Dictionary(tables.map { ($0.id, $0.seats) }, uniquingKeysWith: { first, _ in first })
        let keys = SlotKeys(tableIds: tables.map(\.id) + rules.flatMap(\.tables) + overrides.map(\.tableId))
        var byKey: [Int: Slot] = [:]

        for (ruleIndex, rule) in rules.enumerated() {
            let ruleTables = (rule.tables.isEmpty ? tables.map(\.id) : rule.tables).map { ($0, keys.rank($0)) }
            let dates: [LocalDate]
            switch rule.period {
            case .nextDays(let count):
                dates = (0..<max(0, count)).map { today.adding(days: $0) }
            case .dates(let from, let until):
                dates = from <= until ? (from.dayNumber...until.dayNumber).map(LocalDate.init(dayNumber:)) : []
            }
            byKey.reserveCapacity(byKey.count + dates.count * rule.times.count * ruleTables.count)
            for date in dates where rule.days.contains(date.weekday) {
                for time in rule.times {
                    let start = LocalDateTime(date: date, time: time)
                    for (table, rank) in ruleTables {
                        guard let seats = rule.seats ?? tableSeats[table] else { continue }
                        let key = keys.key(start, rank: rank)
                        let id = Slot.id(restaurant: slug, table: table, start: start)
                        if byKey[key] != nil {
                            conflicts.append(Conflict(source: "weekly[\(ruleIndex)]", slotId: id))
                            continue
                        }
                        byKey[key] = Slot(id: id, restaurant: slug, tableId: table, start: start,
                                          startsAt: instants.instant(start), capacity: seats)
                    }
                }
            }
        }

        var overridden = Set<Int>()
        for (index, override) in overrides.enumerated() {
            let key = keys.key(override.start, rank: keys.rank(override.tableId))
            let id = Slot.id(restaurant: slug, table: override.tableId, start: override.start)
            if overridden.contains(key) {
                conflicts.append(Conflict(source: "slots[\(index)]", slotId: id))
                continue
            }
            overridden.insert(key)
            if override.closed {
                byKey[key] = nil
                continue
            }
            guard let seats = override.seats ?? byKey[key]?.capacity ?? tableSeats[override.tableId] else { continue }
            byKey[key] = Slot(id: id, restaurant: slug, tableId: override.tableId, start: override.start,
                              startsAt: instants.instant(override.start), capacity: seats)
        }

        return (byKey.keys.sorted().map { byKey[$0]! }, conflicts)
    }
}

/// One integer per (table, start): the start's minute times the number of table ids, plus the
/// rank of the table id. Equal exactly when the slot ids are equal (an id is made of its table
/// and start), and ordered by start then table id, the order the pages list slots in. Slots were
/// keyed and sorted by their id strings before: hashing, resizing and sorting those was 8% of a
/// cold build (perf, 2026-12-02).
struct SlotKeys {
    private let ranks: [String: Int]

    init(tableIds: [String]) {
        ranks = Dictionary(uniqueKeysWithValues: Set(tableIds).sorted().enumerated().map { ($1, $0) })
    }

    func rank(_ tableId: String) -> Int { ranks[tableId]! }

    func key(_ start: LocalDateTime, rank: Int) -> Int {
        (start.date.dayNumber * 1440 + start.time.minutesSinceMidnight) * ranks.count + rank
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
