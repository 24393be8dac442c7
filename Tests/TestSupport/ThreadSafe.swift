import Foundation

/// Results gathered from many threads at once (storms, concurrent clients).
package final class LockedList<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []
    package init() {}
    package func append(_ element: Element) { lock.withLock { storage.append(element) } }
    package var values: [Element] { lock.withLock { storage } }
}

/// A stop signal that worker threads poll.
package final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    package init() {}
    package func set() { lock.withLock { value = true } }
    package var isSet: Bool { lock.withLock { value } }
}

/// Runs async calls (e.g. on a store) from a synchronous, thread-based test.
package func awaitResult<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = LockedList<Result<T, Error>>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.append(.success(try await body())) } catch { box.append(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.values[0].get()
}
