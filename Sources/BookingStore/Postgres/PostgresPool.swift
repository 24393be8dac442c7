import Foundation

/// A few PostgreSQL connections, each owned by one dedicated thread, taking transactions from
/// one queue. Callers `await` on the cooperative pool; the blocking libpq calls run only on
/// these threads. Each call is its own transaction (no batching across callers: with several
/// writers a shared commit would make one caller's conflict everyone's).
final class PostgresPool: @unchecked Sendable {
    private let conninfo: String
    private let skipLocks: Bool
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var queue: [any PostgresJob] = []
    private var stopping = false
    private var running = 0

    /// `first` is the connection the store opened (and migrated with); it serves the first thread.
    init(conninfo: String, size: Int, first: PostgresConnection, skipLocks: Bool) {
        self.conninfo = conninfo
        self.skipLocks = skipLocks
        running = max(1, size)
        for index in 0..<max(1, size) {
            let handoff = Handoff(connection: index == 0 ? first : nil)
            let thread = Thread { [self] in runLoop(handoff.connection) }
            thread.name = "yeyak.postgres.\(index)"
            thread.start()
        }
    }

    /// Runs `body` in one transaction on some connection: BEGIN, body, COMMIT; retried from the
    /// start (up to 10 times) when PostgreSQL aborts it for a deadlock or a serialization failure.
    func transaction<T: Sendable>(
        readOnly: Bool = false, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job = Job(readOnly: readOnly, body: body, continuation: continuation)
            condition.lock()
            if stopping {
                condition.unlock()
                continuation.resume(throwing: BookingStoreError.closed)
                return
            }
            queue.append(job)
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the queued transactions finish, then closes every connection; later calls fail
    /// with `BookingStoreError.closed`.
    func close() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func runLoop(_ initial: PostgresConnection?) {
        var connection = initial
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.unlock()
            if connection?.isHealthy != true {
                // The server restarted or the network dropped: a new session (and its own
                // prepared statements) for this and later transactions.
                connection = nil
                do { connection = try PostgresConnection(conninfo: conninfo, skipLocks: skipLocks) } catch {
                    job.fail(error)
                    continue
                }
            }
            job.run(on: connection!)
        }
    }
}

/// A connection passed once to the thread that owns it from then on.
private struct Handoff: @unchecked Sendable {
    let connection: PostgresConnection?
}

private protocol PostgresJob {
    func run(on connection: PostgresConnection)
    func fail(_ error: Error)
}

private final class Job<T: Sendable>: PostgresJob {
    let readOnly: Bool
    let body: @Sendable (PostgresConnection) throws -> T
    let continuation: CheckedContinuation<T, Error>

    init(readOnly: Bool, body: @escaping @Sendable (PostgresConnection) throws -> T, continuation: CheckedContinuation<T, Error>) {
        self.readOnly = readOnly
        self.body = body
        self.continuation = continuation
    }

    func run(on connection: PostgresConnection) {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try connection.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                let value = try body(connection)
                try connection.execute("COMMIT")
                continuation.resume(returning: value)
                return
            } catch BookingStoreError.postgres(let state, let message, _)
                        where (state == "40P01" || state == "40001" || Self.isBookingCodeRace(state, message)) && attempt < 10 {
                try? connection.execute("ROLLBACK")
            } catch {
                if connection.isHealthy { try? connection.execute("ROLLBACK") }
                continuation.resume(throwing: error)
                return
            }
        }
    }

    func fail(_ error: Error) { continuation.resume(throwing: error) }

    /// Two holds (on different slots) drew the same booking code at once: the later one to
    /// commit fails on the unique index, and the whole transaction runs again with a new draw.
    static func isBookingCodeRace(_ state: String, _ message: String) -> Bool {
        state == "23505" && message.contains("bookings_by_code")
    }
}
