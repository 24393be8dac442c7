import Foundation

/// The booking store on one SQLite file (WAL).
///
/// One writer connection on its own thread takes every write, grouping the waiting ones into a
/// single durable commit (see `GroupCommitWriter`); every check-then-write runs inside that
/// `BEGIN IMMEDIATE` transaction, so two holds can never both take the last seat. Reads go to a
/// small pool of other connections and never wait on the writer's fsync.
package final class SQLiteBookingStore: BookingStore, @unchecked Sendable {
    package struct Options: Sendable {
        /// SQLite's `synchronous` setting. FULL (the default) makes every acknowledged write
        /// survive a power loss in WAL mode; NORMAL only survives a process crash.
        package enum Synchronous: String, Sendable { case normal = "NORMAL", full = "FULL", extra = "EXTRA" }

        package var synchronous: Synchronous = .full
        /// How long a connection waits for another process's lock (e.g. the staff CLI).
        package var busyTimeout: TimeInterval = 5
        /// Anti-hoarding: live READY holds one guest (`customerKey`) may have across slots.
        package var maxLiveHoldsPerGuest = 3
        /// Anti-hoarding: the per-phone, per-address, per-network and per-slot limits. Off by
        /// default here; `ServiceStack` (yeyak serve, yeyak dev) turns on `HoldLimits.standard`.
        package var holdLimits = HoldLimits.off
        /// Most write operations grouped into one commit.
        package var maxBatchSize = 256
        /// Read connections kept open for reuse.
        package var readConnections = 4
        /// TEST ONLY (internal, set through `@testable import`): checks seats on a read connection
        /// before queueing the write, the check-then-write race of naive code. Exists so a
        /// negative control can show an oversell.
        var unsafeSkipTransactionGuard = false
        /// TEST ONLY (internal): where new bookings' codes come from, so a test can make the
        /// generator repeat itself and see the collision retried.
        var newBookingCode: @Sendable () -> String = BookingCode.random

        package init(
            synchronous: Synchronous = .full, busyTimeout: TimeInterval = 5, maxLiveHoldsPerGuest: Int = 3,
            maxBatchSize: Int = 256, readConnections: Int = 4, holdLimits: HoldLimits = .off
        ) {
            self.holdLimits = holdLimits
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
            self.maxLiveHoldsPerGuest = maxLiveHoldsPerGuest
            self.maxBatchSize = maxBatchSize
            self.readConnections = readConnections
        }
    }

    /// Commits made and write operations run since opening (commits < writes under load).
    package struct WriteStatistics: Sendable, Hashable {
        package var commits: Int
        package var writes: Int
    }

    package let path: String
    package let options: Options
    /// Migration steps this open ran (0 when the file was already up to date).
    package let migrationsApplied: Int
    /// The schema version this program writes (`PRAGMA user_version` after migrating).
    package static var schemaVersion: Int { BookingSchema.migrations.count }

    let writer: GroupCommitWriter
    let readers: ReaderPool

    /// Opens (creating if needed) and migrates the database at `path`.
    package init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        let busyMilliseconds = Int32(clamping: Int(options.busyTimeout * 1000))
        let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyMilliseconds)
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
        try connection.execute("PRAGMA foreign_keys = ON")
        migrationsApplied = try BookingSchema.migrate(connection)
        writer = GroupCommitWriter(connection: connection, maxBatch: options.maxBatchSize)
        readers = ReaderPool(path: path, busyTimeout: busyMilliseconds, keep: options.readConnections)
    }

    deinit { close() }

    /// Commits what is queued, then closes. Blocks until the queued writes are durable;
    /// later calls fail with `BookingStoreError.closed`.
    package func close() {
        writer.stop()
        readers.close()
    }

    package var writeStatistics: WriteStatistics {
        let (commits, writes) = writer.statistics
        return WriteStatistics(commits: commits, writes: writes)
    }
}
