import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import XCTest

/// A throwaway PostgreSQL cluster for the tests: made with `initdb` in a temporary folder, run as
/// the `postgres` user (PostgreSQL refuses to run as root) on a unix socket in that folder only
/// (no TCP port), started once per test process and stopped when it exits. `fsync` is off: the
/// tests are about concurrency and semantics, not about the disk (SQLite's durability tests are).
///
/// Missing PostgreSQL skips locally with the reason printed, and fails under `CI=true`, where
/// `.ci/run` installs `postgresql` and `libpq-dev`.
package final class PostgresCluster: @unchecked Sendable {
    package struct Unavailable: Error, CustomStringConvertible {
        package let description: String
    }

    /// The folder holding the data and the socket.
    package let folder: String
    private let binaries: String
    private let lock = NSLock()
    private var databases = 0

    /// The process's cluster, started on first use.
    package static func shared() throws -> PostgresCluster {
        // Not a `static let`: starting runs child processes, and Foundation's Process did not
        // see them exit from inside a global's one-time initialiser (the test hung).
        try started.withLock { started in
            if started == nil { started = Result { try PostgresCluster() } }
            return started!
        }.get()
    }

    private static let started = Mutex<Result<PostgresCluster, Error>?>(nil)

    /// Skips (locally) or fails (CI) with the reason printed either way.
    package static func unavailable(_ reason: String) -> Error {
        print("PostgreSQL tests: \(reason)")
        if ProcessInfo.processInfo.environment["CI"] == "true" { return Unavailable(description: "CI=true and \(reason)") }
        return XCTSkip(reason)
    }

    private init() throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"]
        guard let bin = candidates.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/initdb")
            && FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") && FileManager.default.isExecutableFile(atPath: "\($0)/psql") })
        else { throw Self.unavailable("initdb/pg_ctl/psql not found (apt-get install postgresql libpq-dev)") }
        binaries = bin
        var template = Array("/tmp/yeyak-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Self.unavailable("cannot make a temporary folder") }
        folder = String(cString: made)
        if getuid() == 0 {
            guard let user = getpwnam("postgres") else {
                throw Self.unavailable("running as root and there is no postgres user to run PostgreSQL as")
            }
            chown(folder, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        try run("initdb", ["-D", "\(folder)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"])
        let settings = "-c listen_addresses='' -c unix_socket_directories='\(folder)' -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=300"
        try startServer(settings)
        Self.running.withLock { $0.append(self) }
        atexit { PostgresCluster.stopAll() }
    }

    /// A new, empty database; returns its URL (unix socket, user postgres).
    package func createDatabase() throws -> String {
        let name = lock.withLock { () -> String in
            databases += 1
            return "yeyak_\(getpid())_\(databases)"
        }
        try run("psql", ["-h", folder, "-U", "postgres", "-d", "postgres", "-q", "-c", "CREATE DATABASE \(name)"])
        return url(database: name)
    }

    package func url(database: String) -> String {
        "postgresql://postgres@/\(database)?host=\(folder)"
    }

    /// Runs SQL on `database` with psql (as the tests' "operator").
    @discardableResult
    package func psql(_ database: String, _ sql: String) throws -> String {
        try run("psql", ["-h", folder, "-U", "postgres", "-d", database, "-q", "-At", "-c", sql])
    }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let asPostgres = getuid() == 0
        let executable = asPostgres ? "/usr/sbin/runuser" : "\(binaries)/\(tool)"
        let fullArguments = asPostgres ? ["-u", "postgres", "--", "\(binaries)/\(tool)"] + arguments : arguments
        let result = try ChildProcess.run(URL(fileURLWithPath: executable), fullArguments, timeout: 90)
        guard result.status == 0 else {
            throw Unavailable(description: "\(tool) failed (\(result.status)): \(result.standardError)\(result.standardOutput)")
        }
        return result.standardOutput
    }

    /// `pg_ctl start`, spawned and reaped by hand: the server it leaves running inherits what
    /// the spawner keeps open, and Foundation's Process waits for one of those descriptors to
    /// close before it reports an exit (the test hung with pg_ctl long gone).
    private func startServer(_ settings: String) throws {
        let asPostgres = getuid() == 0
        let arguments = ["-D", "\(folder)/data", "-l", "\(folder)/log", "-w", "-t", "60", "-o", settings, "start"]
        let command = (asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", "\(binaries)/pg_ctl"] : ["\(binaries)/pg_ctl"]) + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let cStrings = command.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var argv = cStrings + [nil]
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw Unavailable(description: "cannot start pg_ctl: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let log = (try? String(contentsOfFile: "\(folder)/log", encoding: .utf8)) ?? ""
            throw Unavailable(description: "pg_ctl start failed (\(status)): \(log.suffix(2000))")
        }
    }

    private static let running = Mutex<[PostgresCluster]>([])

    private static func stopAll() {
        for cluster in running.withLock({ $0 }) {
            _ = try? cluster.run("pg_ctl", ["-D", "\(cluster.folder)/data", "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(atPath: cluster.folder)
        }
    }
}
