import CivilTime
import Foundation

/// Toss's timestamps: ISO 8601 in Korea time, e.g. `2026-12-24T18:00:00+09:00`.
enum TossDate {
    /// Korea has kept UTC+9 without daylight saving since 1988, so the offset is a constant.
    static let offsetSeconds = 9 * 3600

    /// A webhook's `createdAt`: Korea time without an offset, microseconds with trailing zeros
    /// dropped (`2026-01-02T14:46:59.65327`), as Toss sends it.
    static func webhookFormat(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let withOffset = ISO8601Timestamp.format(secondsSince1970: Int(seconds), offsetSeconds: offsetSeconds)
        let local = withOffset.hasSuffix("+09:00") ? String(withOffset.dropLast(6)) : withOffset
        let micros = min(999_999, Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded()))
        var fraction = String(micros)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return local + "." + fraction
    }

    static func format(_ date: Date) -> String {
        ISO8601Timestamp.format(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)), offsetSeconds: offsetSeconds)
    }
}
