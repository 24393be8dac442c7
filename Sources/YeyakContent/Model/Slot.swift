import Foundation

/// A bookable start time at a table, with the number of seats that can be sold.
public struct Slot: Sendable, Equatable {
    /// Stable across rebuilds: derived from restaurant, table and start only, e.g.
    /// `jipbap.window2.20261224.1800`, so editing another slot never renumbers this one.
    public var id: String
    public var restaurant: String
    public var tableId: String
    public var start: LocalDateTime
    public var startsAt: Date
    /// Seats that can be sold at this start (may span several tables of the same kind).
    public var capacity: Int

    public static func id(restaurant: String, table: String, start: LocalDateTime) -> String {
        "\(restaurant).\(table).\(start.date.compact).\(start.time.compact)"
    }
}

/// "mon-fri at 12:00 and 18:00, 8 seats, the next 21 days" (or a fixed date range).
public struct WeeklyRule: Sendable, Equatable {
    public enum Period: Sendable, Equatable {
        /// Today and the following days: always current, for a rolling calendar.
        case nextDays(Int)
        /// Both ends included.
        case dates(from: LocalDate, until: LocalDate)
    }

    /// Tables the rule opens; empty means every table.
    public var tables: [String]
    public var days: [Weekday]
    public var times: [LocalTime]
    /// Seats per slot; nil means the table's own seats.
    public var seats: Int?
    public var period: Period
}

/// An explicit slot: adds one, changes a rule slot's seats, or closes it (`closed: true`).
public struct SlotOverride: Sendable, Equatable {
    public var tableId: String
    public var start: LocalDateTime
    public var seats: Int?
    public var closed: Bool
}
