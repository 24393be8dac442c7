#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One live service per database: an exclusive `flock(2)` on `<database>.lock`, next to the
/// database, held for as long as the service runs. The kernel drops it when the process ends
/// (even by SIGKILL), so a crash never leaves a stale lock behind; the file itself stays and
/// means nothing on its own.
///
/// Not a lock on the database file: SQLite takes POSIX locks there, and closing any descriptor
/// of that file would drop ours. Staff commands (`yeyak bookings`) do not take it: they may
/// write while the service runs, through SQLite's own locking.
package final class DatabaseLock: Sendable {
    package let path: String
    private let descriptor: Int32

    /// The service already running on this database (another process holds the lock).
    package struct Held: Error, CustomStringConvertible {
        package var databasePath: String
        package var lockPath: String
        package var description: String {
            "another yeyak service is running on the database \(databasePath) (it holds \(lockPath)); nothing was changed"
        }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Takes the lock or throws `Held` at once (never waits). Creates only the lock file.
    package init(databasePath: String) throws {
        path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw Failure(description: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            close(fd)
            if failure == EWOULDBLOCK { throw Held(databasePath: databasePath, lockPath: path) }
            throw Failure(description: "cannot lock \(path): \(String(cString: strerror(failure)))")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
