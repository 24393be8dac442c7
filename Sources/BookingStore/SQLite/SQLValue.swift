import Foundation

/// A value bound to or read from SQLite.
enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case null

    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    static func optional(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    static func date(_ value: Date) -> SQLValue { .integer(value.storedMillis) }
    static func optional(_ value: Date?) -> SQLValue { value.map { .integer($0.storedMillis) } ?? .null }
}

extension Date {
    /// Times are stored as integer milliseconds since 1970 so comparisons in SQL are exact.
    var storedMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    init(storedMillis: Int64) { self.init(timeIntervalSince1970: Double(storedMillis) / 1000) }
}
