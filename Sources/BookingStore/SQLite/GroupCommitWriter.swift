import Foundation

/// The only writer: one connection on its own thread, draining a queue of write operations.
///
/// Group commit: it takes every waiting operation, runs them in one `BEGIN IMMEDIATE ... COMMIT`
/// (each inside its own SAVEPOINT, so one failing operation is rolled back alone), and resumes
/// their callers only after COMMIT returned. With `synchronous=FULL` that means every answer a
/// caller sees is on disk, while one fsync is shared by the whole batch.
final class GroupCommitWriter: @unchecked Sendable {
    private let connection: SQLiteConnection
    private let maxBatch: Int
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var queue: [any WriteJob] = []
    private var stopping = false
    private var stopped = false
    private var commits = 0
    private var writes = 0

    init(connection: SQLiteConnection, maxBatch: Int) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
        let thread = Thread { [self] in runLoop() }
        thread.name = "yeyak.booking-store.writer"
        thread.start()
    }

    /// Runs `body` in the next group transaction and returns its result once committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: body, continuation: continuation)
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

    /// Commits and write operations so far (group commit shows as commits < writes).
    var statistics: (commits: Int, writes: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (commits, writes)
    }

    /// Finishes what is queued, then stops the thread; later writes fail with `.closed`.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            runBatch(batch)
        }
    }

    private func runBatch(_ batch: [any WriteJob]) {
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            batch.forEach { $0.complete(commitError: error) }
            return
        }
        for job in batch {
            do {
                try connection.execute("SAVEPOINT write_op")
            } catch {
                job.fail(error)
                continue
            }
            if job.run(on: connection) {
                try? connection.execute("RELEASE write_op")
            } else {
                try? connection.execute("ROLLBACK TO write_op")
                try? connection.execute("RELEASE write_op")
            }
        }
        var commitError: Error?
        do {
            try connection.execute("COMMIT")
        } catch {
            commitError = error
            try? connection.execute("ROLLBACK")
        }
        condition.lock()
        if commitError == nil { commits += 1 }
        writes += batch.count
        condition.unlock()
        batch.forEach { $0.complete(commitError: commitError) }
    }
}

/// One queued write: runs on the writer thread, answers its caller after the commit.
private protocol WriteJob: AnyObject {
    /// Runs the body; false when it threw (its savepoint must be rolled back).
    func run(on connection: SQLiteConnection) -> Bool
    func fail(_ error: Error)
    func complete(commitError: Error?)
}

private final class Job<T: Sendable>: WriteJob {
    private let body: @Sendable (SQLiteConnection) throws -> T
    private let continuation: CheckedContinuation<T, Error>
    private var result: Result<T, Error>?

    init(body: @escaping @Sendable (SQLiteConnection) throws -> T, continuation: CheckedContinuation<T, Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on connection: SQLiteConnection) -> Bool {
        do {
            result = .success(try body(connection))
            return true
        } catch {
            result = .failure(error)
            return false
        }
    }

    func fail(_ error: Error) { result = .failure(error) }

    func complete(commitError: Error?) {
        // A failed COMMIT undid the whole batch: nobody may hear that their write happened.
        if let commitError {
            continuation.resume(throwing: commitError)
        } else {
            continuation.resume(with: result ?? .failure(BookingStoreError.closed))
        }
    }
}
