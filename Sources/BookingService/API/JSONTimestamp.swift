import Foundation
import YeyakContent

/// Timestamps in the service's JSON answers.
public enum JSONTimestamp {
    /// ISO 8601 with the restaurant's offset, e.g. `2026-12-24T18:00:00+09:00`. Formatted by hand:
    /// a new ISO8601DateFormatter per call was a third of the CPU of a hold on Linux.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = LocalDateTime(date, in: zone)
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) % 60 + 60) % 60
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(local.date)T\(local.time):\(pad(seconds))\(sign)\(pad(hours)):\(pad(minutes))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
