import CSQLite
import Foundation

/// Another connection on a database file that holds its write lock (`BEGIN EXCLUSIVE`) until
/// `release()`: what a staff tool, a backup or a second process does to the service's database.
package final class SQLiteLockHolder: @unchecked Sendable {
    private var db: OpaquePointer?

    /// Opens `path` and takes the exclusive lock, waiting up to `timeout` for it.
    package init(path: String, timeout: TimeInterval = 10) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil) == SQLITE_OK else {
            throw SQLiteLockHolderError(message: "cannot open \(path)")
        }
        sqlite3_busy_timeout(db, Int32(timeout * 1000))
        guard sqlite3_exec(db, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close(db)
            db = nil
            throw SQLiteLockHolderError(message: "BEGIN EXCLUSIVE on \(path): \(message)")
        }
    }

    /// Ends the transaction and closes the connection (also on deinit).
    package func release() {
        guard let db else { return }
        sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
        sqlite3_close(db)
        self.db = nil
    }

    deinit { release() }
}

package struct SQLiteLockHolderError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
