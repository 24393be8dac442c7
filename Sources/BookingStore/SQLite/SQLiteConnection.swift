import CSQLite
import Foundation

/// One SQLite connection with its cache of prepared statements.
///
/// Not thread-safe on purpose: the writer thread owns one, and the reader pool lends each of
/// its connections to one caller at a time.
final class SQLiteConnection: StoreConnection {
    var dialect: SQLDialect { .sqlite }
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String, busyTimeoutMilliseconds: Int32) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw BookingStoreError.sqlite(code: code, message: message, sql: "open \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ code: Int32, sql: String) -> BookingStoreError {
        .sqlite(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements without parameters (pragmas, schema, transaction control).
    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// The cached prepared statement for `sql`, bound to `values` and ready to step.
    func prepared(_ sql: String, _ values: [SQLValue] = []) throws -> SQLiteStatement {
        let statement: SQLiteStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try SQLiteStatement(connection: self, sql: sql)
            statements[sql] = statement
        }
        try statement.bind(values)
        return statement
    }

    /// Runs a writing statement; returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        let statement = try prepared(sql, values)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// Maps every row of a query.
    func rows<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (any StoreRow) throws -> T) throws -> [T] {
        let statement = try prepared(sql, values)
        defer { statement.reset() }
        var result: [T] = []
        while try statement.step() { result.append(try map(statement)) }
        return result
    }

    /// Maps the first row of a query, if any.
    func row<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (any StoreRow) throws -> T) throws -> T? {
        let statement = try prepared(sql, values)
        defer { statement.reset() }
        return try statement.step() ? try map(statement) : nil
    }

    /// One writer runs every write: nothing to wait for.
    func lockSeats(slotId: String) {}
    func lockGuest(customerKey: String) {}

    func pragmaInt(_ name: String) throws -> Int {
        try row("PRAGMA \(name)") { $0.int(0) } ?? 0
    }
}
