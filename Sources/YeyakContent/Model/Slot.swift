import Foundation

/// A bookable start time at a table, with the number of seats that can be sold.
package struct Slot: Sendable, Equatable {
    /// Stable across rebuilds: derived from restaurant, table and start only, e.g.
    /// `jipbap.window2.20261224.1800`, so editing another slot never renumbers this one.
    package var id: String
    package var restaurant: String
    package var tableId: String
    package var start: LocalDateTime
    package var startsAt: Date
    /// Seats that can be sold at this start (may span several tables of the same kind).
    package var capacity: Int

    package static func id(restaurant: String, table: String, start: LocalDateTime) -> String {
        "\(restaurant).\(table).\(start.date.compact).\(start.time.compact)"
    }
}

/// "mon-fri at 12:00 and 18:00, 8 seats, the next 21 days" (or a fixed date range).
package struct WeeklyRule: Sendable, Equatable {
    package enum Period: Sendable, Equatable {
        /// Today and the following days: always current, for a rolling calendar.
        case nextDays(Int)
        /// Both ends included.
        case dates(from: LocalDate, until: LocalDate)
    }

    /// Tables the rule opens; empty means every table.
    package var tables: [String]
    package var days: [Weekday]
    package var times: [LocalTime]
    /// Seats per slot; nil means the table's own seats.
    package var seats: Int?
    package var period: Period
}

/// An explicit slot: adds one, changes a rule slot's seats, or closes it (`closed: true`).
package struct SlotOverride: Sendable, Equatable {
    package var tableId: String
    package var start: LocalDateTime
    package var seats: Int?
    package var closed: Bool
}
