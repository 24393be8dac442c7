import Foundation

/// One row of a query, read by column number (0-based), whichever database answered it.
protocol StoreRow {
    func int64(_ column: Int32) -> Int64
    func text(_ column: Int32) -> String
    func isNull(_ column: Int32) -> Bool
}

extension StoreRow {
    func int(_ column: Int32) -> Int { Int(int64(column)) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func date(_ column: Int32) -> Date { Date(storedMillis: int64(column)) }
    func optionalDate(_ column: Int32) -> Date? { isNull(column) ? nil : date(column) }
}

enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}

/// What the store's transactions (holds, payment moves, inventory sync, outbox) need of a
/// database connection, so SQLite and PostgreSQL run the same checks and writes, written once.
///
/// SQL is written with SQLite's numbered parameters (`?1`, and bare `?` meaning the next
/// number); the PostgreSQL connection rewrites them to `$1`. Both stores keep times as integer
/// milliseconds and flags as integers, so the same SQL means the same on both.
protocol StoreConnection: AnyObject {
    /// Which database answers, for the few statements whose SQL must differ (`+column` index
    /// hints and `UPDATE OR IGNORE` are SQLite's own).
    var dialect: SQLDialect { get }
    /// Runs a writing statement; returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue]) throws -> Int
    /// Maps every row of a query.
    func rows<T>(_ sql: String, _ values: [SQLValue], _ map: (any StoreRow) throws -> T) throws -> [T]
    /// Waits until no other transaction sells seats of `slotId` (PostgreSQL: a transaction-level
    /// advisory lock); a no-op where one writer runs every write (SQLite).
    func lockSeats(slotId: String) throws
    /// The same for one guest's holds across slots; always taken after the slot's lock.
    func lockGuest(customerKey: String) throws
}

extension StoreConnection {
    @discardableResult
    func run(_ sql: String) throws -> Int { try run(sql, []) }

    func rows<T>(_ sql: String, _ map: (any StoreRow) throws -> T) throws -> [T] { try rows(sql, [], map) }

    /// Maps the first row of a query, if any.
    func row<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (any StoreRow) throws -> T) throws -> T? {
        try rows(sql, values, map).first
    }
}
