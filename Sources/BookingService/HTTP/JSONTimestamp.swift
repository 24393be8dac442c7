import CivilTime
import Foundation

/// Timestamps in the service's JSON answers.
package enum JSONTimestamp {
    /// ISO 8601 with the restaurant's offset, e.g. `2026-12-24T18:00:00+09:00` (`ISO8601Timestamp`).
    package static func format(_ date: Date, zone: TimeZone) -> String {
        ISO8601Timestamp.format(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)),
                                offsetSeconds: zone.secondsFromGMT(for: date))
    }
}
