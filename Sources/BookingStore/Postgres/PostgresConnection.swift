import CPostgres
import Foundation

/// One libpq connection with its prepared statements, owned by one `PostgresPool` thread for
/// its whole life (libpq connections must not be shared between threads, and a blocking libpq
/// call must never run on Swift's cooperative pool, where it would stall other tasks).
final class PostgresConnection: StoreConnection {
    var dialect: SQLDialect { .postgres }
    private let handle: OpaquePointer
    /// Prepared statement name for each SQL text, made on first use (per connection: prepared
    /// statements live in the server session).
    private var statements: [String: String] = [:]
    /// TEST ONLY: `lockSeats`/`lockGuest` do nothing, the negative control of the oversell tests.
    let skipLocks: Bool

    /// Connects with `conninfo` (a `postgres://` URL or `key=value` pairs). On a unix socket or a
    /// loopback address GSS encryption is turned off: libpq would otherwise first try a GSSAPI
    /// handshake that costs a round trip (and, with a Kerberos cache around, much more) per connect.
    init(conninfo: String, skipLocks: Bool = false) throws {
        self.skipLocks = skipLocks
        var keywords = ["dbname", "application_name"]
        var values = [conninfo, "yeyak"]
        if PostgresConnection.isLocal(conninfo) {
            keywords.append("gssencmode")
            values.append("disable")
        }
        let connection = PostgresConnection.withCStrings(keywords) { keys in
            PostgresConnection.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else { throw BookingStoreError.postgres(sqlState: "08000", message: "out of memory", sql: "connect") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw BookingStoreError.postgres(sqlState: "08001", message: message, sql: "connect")
        }
        handle = connection
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// False once the server went away; the pool then opens a new connection.
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// True for a unix socket (no host, or a host that is a path) or a loopback host.
    static func isLocal(_ conninfo: String) -> Bool {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            if let error { PQfreemem(error) }
            return false
        }
        defer { PQconninfoFree(options) }
        var hosts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if name == "host" || name == "hostaddr", let value = option.pointee.val {
                hosts += String(cString: value).split(separator: ",").map(String.init)
            }
            option += 1
        }
        return hosts.allSatisfy { host in
            host.isEmpty || host.hasPrefix("/") || host.hasPrefix("@") || host == "localhost"
                || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        }
    }

    /// Runs statements without parameters (schema steps, transaction control).
    func execute(_ sql: String) throws {
        guard let result = PQexec(handle, sql) else { throw lostConnection(sql) }
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    @discardableResult
    func run(_ sql: String, _ values: [SQLValue]) throws -> Int {
        let result = try query(sql, values)
        return Int(String(cString: PQcmdTuples(result.handle))) ?? 0
    }

    func rows<T>(_ sql: String, _ values: [SQLValue], _ map: (any StoreRow) throws -> T) throws -> [T] {
        let result = try query(sql, values)
        let count = PQntuples(result.handle)
        var mapped: [T] = []
        mapped.reserveCapacity(Int(count))
        for index in 0..<count { mapped.append(try map(PostgresRow(result: result.handle, index: index))) }
        return mapped
    }

    func lockSeats(slotId: String) throws { try advisoryLock(.slot, slotId) }

    func lockGuest(customerKey: String) throws { try advisoryLock(.guest, customerKey) }

    /// The advisory lock spaces (the first key of `pg_advisory_xact_lock(int, int)`); the second
    /// key is the text's hash, so two texts may share a lock (they then only wait for each other).
    enum LockSpace: Int32 {
        case migrations = 0, slot = 1, guest = 2, phone = 3, network = 4, inventory = 5
    }

    /// Waits for the transaction-level advisory lock of `key` in `space`.
    func advisoryLock(_ space: LockSpace, _ key: String) throws {
        guard !skipLocks else { return }
        try run("SELECT pg_advisory_xact_lock(?1, hashtext(?2))", [.int(Int(space.rawValue)), .text(key)])
    }

    /// The database's clock, in stored milliseconds: what decides expiry when several
    /// instances (with clocks of their own) write to one database.
    func databaseNow() throws -> Date {
        try row("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint", []) { $0.date(0) } ?? Date()
    }

    /// Prepares `sql` on first use, then runs it with `values` sent as text. The parameters are
    /// copied into C buffers that live until libpq has returned (Swift's temporary C strings die
    /// at the end of the expression that made them).
    private func query(_ sql: String, _ values: [SQLValue]) throws -> PostgresResult {
        let name = try preparedName(sql)
        let buffers: [UnsafeMutablePointer<CChar>?] = values.map { value in
            switch value {
            case .integer(let number): strdup(String(number))
            case .text(let text): strdup(text)
            case .null: nil
            }
        }
        defer { buffers.forEach { free($0) } }
        let raw = buffers.map { UnsafePointer($0) }
        let result = raw.withUnsafeBufferPointer { parameters in
            PQexecPrepared(handle, name, Int32(values.count), parameters.baseAddress, nil, nil, 0)
        }
        guard let result else { throw lostConnection(sql) }
        let wrapped = PostgresResult(handle: result)
        try check(result, sql: sql)
        return wrapped
    }

    private func preparedName(_ sql: String) throws -> String {
        if let name = statements[sql] { return name }
        let name = "y\(statements.count + 1)"
        guard let result = PQprepare(handle, name, Self.numberedParameters(sql), 0, nil) else { throw lostConnection(sql) }
        defer { PQclear(result) }
        try check(result, sql: sql)
        statements[sql] = name
        return name
    }

    /// SQLite's `?1` and bare `?` (the next number) as PostgreSQL's `$1`. The store's SQL has no
    /// `?` inside string literals.
    static func numberedParameters(_ sql: String) -> String {
        var output = ""
        var highest = 0
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            guard character == "?" else {
                output.append(character)
                continue
            }
            var digits = ""
            while let next = pending, next.isASCII, next.isNumber {
                digits.append(next)
                pending = characters.next()
            }
            let number = Int(digits) ?? highest + 1
            highest = max(highest, number)
            output += "$\(number)"
        }
        return output
    }

    private func check(_ result: OpaquePointer, sql: String) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "XX000"
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BookingStoreError.postgres(sqlState: state, message: message, sql: sql)
        }
    }

    private func lostConnection(_ sql: String) -> BookingStoreError {
        .postgres(sqlState: "08006", message: String(cString: PQerrorMessage(handle)), sql: sql)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let buffers = strings.map { strdup($0) }
        defer { buffers.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// A libpq result, cleared when the last row read from it is gone.
final class PostgresResult {
    let handle: OpaquePointer
    init(handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }
}

/// One row of a text-format result. Booleans arrive as `t`/`f` and read as 1/0.
struct PostgresRow: StoreRow {
    let result: OpaquePointer
    let index: Int32

    func isNull(_ column: Int32) -> Bool { PQgetisnull(result, index, column) != 0 }

    func text(_ column: Int32) -> String {
        guard let value = PQgetvalue(result, index, column) else { return "" }
        return String(cString: value)
    }

    func int64(_ column: Int32) -> Int64 {
        guard let value = PQgetvalue(result, index, column) else { return 0 }
        switch value.pointee {
        case CChar(UInt8(ascii: "t")): return 1
        case CChar(UInt8(ascii: "f")): return 0
        default: return strtoll(value, nil, 10)
        }
    }
}
