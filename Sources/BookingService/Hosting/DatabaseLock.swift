#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One live service per database: an exclusive `flock(2)` on the database file itself, held for
/// as long as the service runs. flock belongs to the file (its inode), so a symlink, a hardlink
/// or another spelling of the path meets the same lock, and there is no lock file that someone
/// could delete. The kernel drops it when the process ends (even by SIGKILL).
///
/// The descriptor is never closed: SQLite holds POSIX (fcntl) locks on the same file, and
/// closing any descriptor of a file drops all of a process's POSIX locks on it. Releasing
/// unlocks (`LOCK_UN`) and keeps the descriptor; one per service lifetime. Staff commands
/// (`yeyak bookings`) do not take it: they may write while the service runs, through SQLite's
/// own locking.
package final class DatabaseLock: Sendable {
    package let path: String
    private let descriptor: Int32

    /// The service already running on this database (another process holds the lock).
    package struct Held: Error, CustomStringConvertible {
        package var databasePath: String
        package var description: String {
            "another yeyak service is running on the database \(databasePath) (the same file, by any path); nothing was changed"
        }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Takes the lock or throws `Held` at once (never waits). The database file must exist.
    package init(databasePath: String) throws {
        path = databasePath
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw Failure(description: "cannot open the database \(path) to lock it: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            // Nothing of SQLite's is open yet in this process for this file, so closing is safe here.
            close(fd)
            if failure == EWOULDBLOCK { throw Held(databasePath: databasePath) }
            throw Failure(description: "cannot lock \(path): \(String(cString: strerror(failure)))")
        }
        descriptor = fd
    }

    deinit { _ = flock(descriptor, LOCK_UN) }
}
