import CivilTime
import Foundation

/// A date and time on the restaurant's wall clock, e.g. 2026-12-24 18:00 in Asia/Seoul.
package struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let date: LocalDate
    package let time: LocalTime

    package init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DDTHH:MM` (no zone: the site's zone applies).
    package init?(iso text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])), let time = LocalTime(text: String(parts[1])) else {
            return nil
        }
        self.init(date: date, time: time)
    }

    /// The instant this wall-clock time names in `zone`.
    package func instant(in zone: TimeZone) -> Date {
        let localSeconds = Double(date.dayNumber * 86_400 + time.minutesSinceMidnight * 60)
        // Asia/Seoul has had no DST since 1988, so one lookup is exact; for other zones a second
        // lookup at the corrected instant settles the offset.
        let guess = Date(timeIntervalSince1970: localSeconds - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: localSeconds))))
        return Date(timeIntervalSince1970: localSeconds - Double(zone.secondsFromGMT(for: guess)))
    }

    /// The wall-clock time of `instant` in `zone`.
    package init(_ instant: Date, in zone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let (days, secondOfDay) = CivilDays.split(seconds: seconds)
        let minutes = secondOfDay / 60
        date = LocalDate(dayNumber: days)
        time = LocalTime(hour: minutes / 60, minute: minutes % 60)!
    }

    package var description: String { "\(date)T\(time)" }
    package static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }
}
