import Foundation

/// The booking store on PostgreSQL, for several `yeyak serve` instances on one database.
///
/// The same semantics as `SQLiteBookingStore`, with the same SQL (`Transactions/`), but with
/// several processes writing at once: each operation is one transaction of its own; the
/// operations that sell seats wait for a per-slot advisory lock (then the guest's), so check
/// and write stay one step across instances; payment moves lock their booking's row and
/// compare-and-set its state; and by default the database's clock, not the caller's, decides
/// when a hold lapses, so an instance whose clock is off cannot sell a live hold's seats.
package final class PostgresBookingStore: BookingStore, @unchecked Sendable {
    package struct Options: Sendable {
        /// Whose clock decides expiry and stamps rows.
        package enum Clock: Sendable, Hashable {
            /// The database server's `clock_timestamp()`, read in each transaction (production:
            /// one clock for every instance). The callers' `now` is ignored.
            case database
            /// The `now` each caller passes, as SQLite does (the store test suite's fixed clock).
            case caller
        }

        package var clock: Clock = .database
        /// Connections (each on its own thread) kept by this process.
        package var connections = 8
        package var maxLiveHoldsPerGuest = 3
        package var holdLimits = HoldLimits.off
        /// TEST ONLY (internal, set through `@testable import`): no advisory locks, so holds race
        /// under READ COMMITTED; the negative control that must oversell.
        var unsafeSkipLocks = false
        /// TEST ONLY (internal): where new bookings' codes come from, so a test can make the
        /// generator repeat itself and see the collision retried.
        var newBookingCode: @Sendable () -> String = BookingCode.random

        package init(clock: Clock = .database, connections: Int = 8, maxLiveHoldsPerGuest: Int = 3,
                     holdLimits: HoldLimits = .off) {
            self.clock = clock
            self.connections = connections
            self.maxLiveHoldsPerGuest = maxLiveHoldsPerGuest
            self.holdLimits = holdLimits
        }
    }

    /// The URL or conninfo given, for messages (its password, if any, removed).
    package let location: String
    package let options: Options
    /// Migration steps this open ran (0 when the database was already up to date).
    package let migrationsApplied: Int
    package static var schemaVersion: Int { PostgresSchema.migrations.count }
    let pool: PostgresPool

    /// True for what `yeyak serve --db` and the staff commands treat as PostgreSQL.
    package static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Connects, migrates (under an advisory lock, so instances starting together run each
    /// step once) and opens the pool.
    package init(url: String, options: Options = Options()) throws {
        self.options = options
        location = Self.redacted(url)
        let first: PostgresConnection
        do {
            first = try PostgresConnection(conninfo: url, skipLocks: options.unsafeSkipLocks)
        } catch BookingStoreError.postgres(_, let message, _) {
            throw BookingStoreError.badDatabaseURL("cannot connect to --db \(location): \(message)")
        }
        migrationsApplied = try PostgresSchema.migrate(first)
        pool = PostgresPool(conninfo: url, size: options.connections, first: first, skipLocks: options.unsafeSkipLocks)
    }

    deinit { close() }

    /// Lets queued transactions finish, then closes the connections.
    package func close() { pool.close() }

    /// `postgres://user:secret@host/db` -> `postgres://user@host/db`.
    package static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// One transaction: `prepare` takes the locks this operation needs, then the clock is read
    /// (so the order of the locks is the order of the times), then `body` runs.
    func write<T: Sendable>(
        _ callerNow: Date, prepare: @escaping @Sendable (PostgresConnection) throws -> Void = { _ in },
        _ body: @escaping @Sendable (PostgresConnection, Date) throws -> T
    ) async throws -> T {
        let clock = options.clock
        return try await pool.transaction { db in
            try prepare(db)
            return try body(db, clock == .database ? db.databaseNow() : callerNow)
        }
    }

    /// A write on one booking: its row is locked first, so a concurrent move of the same booking
    /// waits and then sees the committed state (the answer is then `.unchanged`/`.notAllowed`
    /// exactly as on SQLite, never a move decided on a stale read).
    func writeBooking<T: Sendable>(
        _ orderId: String, _ callerNow: Date, _ body: @escaping @Sendable (PostgresConnection, Date) throws -> T
    ) async throws -> T {
        try await write(callerNow, prepare: { try Self.lockBooking($0, orderId) }, body)
    }

    static func lockBooking(_ db: PostgresConnection, _ orderId: String) throws {
        try db.run("SELECT 1 FROM bookings WHERE order_id = ?1 FOR UPDATE", [.text(orderId)])
    }

    func read<T: Sendable>(_ callerNow: Date, _ body: @escaping @Sendable (PostgresConnection, Date) throws -> T) async throws -> T {
        let clock = options.clock
        return try await pool.transaction(readOnly: true) { db in
            try body(db, clock == .database ? db.databaseNow() : callerNow)
        }
    }

    /// The database answers a trivial query (`/healthz`).
    package func ping() async throws {
        _ = try await pool.transaction(readOnly: true) { try $0.row("SELECT 1", []) { $0.int(0) } }
    }
}
