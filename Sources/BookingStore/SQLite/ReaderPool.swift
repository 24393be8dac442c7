import Foundation

/// Read connections lent one caller at a time, so reads never queue behind the writer's fsync.
/// WAL lets them read the last committed state while a write is in progress.
final class ReaderPool: @unchecked Sendable {
    private let path: String
    private let busyTimeout: Int32
    private let keep: Int
    private let lock = NSLock()
    // Guarded by `lock`:
    private var idle: [SQLiteConnection] = []
    private var closed = false

    init(path: String, busyTimeout: Int32, keep: Int) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.keep = max(1, keep)
    }

    /// Runs `body` in one read transaction (one consistent snapshot).
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        try connection.execute("BEGIN")
        do {
            let value = try body(connection)
            try connection.execute("COMMIT")
            return value
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func close() {
        lock.lock()
        closed = true
        idle.removeAll()
        lock.unlock()
    }

    private func checkOut() throws -> SQLiteConnection {
        lock.lock()
        if closed {
            lock.unlock()
            throw BookingStoreError.closed
        }
        if let connection = idle.popLast() {
            lock.unlock()
            return connection
        }
        lock.unlock()
        // None idle: open another rather than block a task (extra ones are closed on return).
        let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeout)
        try connection.execute("PRAGMA query_only = ON; PRAGMA foreign_keys = ON")
        return connection
    }

    private func checkIn(_ connection: SQLiteConnection) {
        lock.lock()
        if !closed && idle.count < keep { idle.append(connection) }
        lock.unlock()
    }
}
