import CivilTime
import Foundation

/// Toss's timestamps: ISO 8601 in Korea time, e.g. `2026-12-24T18:00:00+09:00`.
enum TossDate {
    /// Korea has kept UTC+9 without daylight saving since 1988, so the offset is a constant and
    /// the text is built by arithmetic (a new ISO8601DateFormatter per call was about a third
    /// of the sandbox's CPU per confirm on Linux).
    static let offsetSeconds = 9 * 3600

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let (days, secondOfDay) = CivilDays.split(seconds: seconds)
        let (year, month, day) = CivilDays.date(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))+09:00"
    }
}
