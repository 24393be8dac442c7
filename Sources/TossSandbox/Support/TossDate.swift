import Foundation

/// Toss timestamps: ISO 8601 in Korean time with an explicit `+09:00` offset.
enum TossDate {
    static let seoul = TimeZone(identifier: "Asia/Seoul") ?? TimeZone(secondsFromGMT: 9 * 3600)!

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = seoul
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
