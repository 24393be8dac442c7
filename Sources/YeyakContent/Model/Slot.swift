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

    /// `RESTAURANT.TABLE.YYYYMMDD.HHMM`, written straight into the string's storage: the
    /// interpolation of padded parts made five strings per slot (3% of a cold build).
    package static func id(restaurant: String, table: String, start: LocalDateTime) -> String {
        var restaurant = restaurant, table = table
        let count = restaurant.utf8.count + table.utf8.count + 15
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            func append(_ text: inout String) {
                text.withUTF8 { for byte in $0 { buffer[index] = byte; index += 1 } }
            }
            func append(_ number: Int, digits: Int) {
                var rest = number
                for offset in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += digits
            }
            func dot() { buffer[index] = UInt8(ascii: "."); index += 1 }
            append(&restaurant); dot(); append(&table); dot()
            append(start.date.year, digits: 4); append(start.date.month, digits: 2); append(start.date.day, digits: 2)
            dot()
            append(start.time.hour, digits: 2); append(start.time.minute, digits: 2)
            return index
        }
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
