import CivilTime
import Foundation

/// Toss's timestamps: ISO 8601 in Korea time, e.g. `2026-12-24T18:00:00+09:00`.
enum TossDate {
    /// Korea has kept UTC+9 without daylight saving since 1988, so the offset is a constant.
    static let offsetSeconds = 9 * 3600

    static func format(_ date: Date) -> String {
        ISO8601Timestamp.format(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)), offsetSeconds: offsetSeconds)
    }
}
