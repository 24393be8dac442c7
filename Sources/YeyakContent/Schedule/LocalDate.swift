import CivilTime

/// A calendar date in the restaurant's time zone (no time, no zone): what a menu board says.
/// Day arithmetic is done on a day count, so month ends and leap years need no special cases.
package struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// Nil when the date does not exist (2026-02-30, month 13).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (digits only).
    package init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(digits: parts[0]), let month = Int(digits: parts[1]), let day = Int(digits: parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01.
    package var dayNumber: Int { CivilDays.from(year: year, month: month, day: day) }

    package init(dayNumber: Int) {
        (year, month, day) = CivilDays.date(dayNumber)
    }

    package func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    package var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[index]
    }

    package var description: String {
        String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
    }

    /// `20261224`, used inside slot ids.
    package var compact: String { String(format4: year) + String(format2: month) + String(format2: day) }

    package static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }
}

/// A wall-clock time of day, minute precision.
package struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let hour: Int
    package let minute: Int

    package init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour, two digits each).
    package init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(digits: parts[0]), let minute = Int(digits: parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    package var minutesSinceMidnight: Int { hour * 60 + minute }
    package var description: String { String(format2: hour) + ":" + String(format2: minute) }
    package var compact: String { String(format2: hour) + String(format2: minute) }
    package static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

package enum Weekday: String, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// 월, 화, ... as printed on Korean calendars.
    package var korean: String {
        switch self {
        case .mon: return "월"
        case .tue: return "화"
        case .wed: return "수"
        case .thu: return "목"
        case .fri: return "금"
        case .sat: return "토"
        case .sun: return "일"
        }
    }

    var order: Int { Weekday.allCases.firstIndex(of: self)! }
    package static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.order < rhs.order }

    /// Parses `mon`, `sat`, or a range such as `mon-fri` (wrapping, e.g. `fri-mon`).
    package static func parseList(_ text: String) -> [Weekday]? {
        let lowered = text.lowercased()
        if let day = Weekday(rawValue: lowered) { return [day] }
        let ends = lowered.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let first = Weekday(rawValue: String(ends[0])), let last = Weekday(rawValue: String(ends[1])) else {
            return nil
        }
        var days: [Weekday] = []
        var index = first.order
        while true {
            days.append(allCases[index])
            if index == last.order { return days }
            index = (index + 1) % 7
        }
    }
}

extension Int {
    /// Digits only: `Int("+5")` is 5 in Swift, which a date field must not accept.
    init?<S: StringProtocol>(digits text: S) {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.init(text)
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
    init(format4 value: Int) {
        let text = "\(value)"
        let padding = Swift.String(repeating: "0", count: Swift.max(0, 4 - text.count))
        self = padding + text
    }
}
