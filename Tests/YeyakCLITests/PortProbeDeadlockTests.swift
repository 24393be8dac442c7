import Dispatch
import Foundation
import Synchronization
import TestSupport
import XCTest
@testable import YeyakCLI

/// `yeyak dev` starts on a cooperative-pool thread. Its port probe once blocked that thread on a
/// semaphore until a `Task` had stopped the probe server: with one pool thread (a one-CPU
/// machine; `LIBDISPATCH_COOPERATIVE_POOL_STRICT=1` on Darwin) that task never ran, and start-up
/// hung. Linux's libdispatch has no switch for a one-thread pool (its width is the CPU count),
/// so the test makes one: every pool thread but one is held until the probe has finished.
final class PortProbeDeadlockTests: XCTestCase {
    func testThePortProbeFinishesWithOneFreePoolThread() throws {
        let port = FreePort.find()
        let pool = PoolOccupation.leavingOneThreadFree()
        defer { pool.release() }

        let finished = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Task.detached {
            do { try await DevCommand.ensurePortIsFree(host: "127.0.0.1", port: port) } catch {
                failure.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        let outcome = finished.wait(timeout: .now() + 10)
        pool.release()
        if outcome == .timedOut { _ = finished.wait(timeout: .now() + 10) }  // it can finish now
        XCTAssertEqual(outcome, .success, "the port probe blocked the only free pool thread (a semaphore wait in async code?)")
        XCTAssertNil(failure.withLock { $0 })
    }
}

/// Holds all of Swift's global pool threads but one, each blocked until `release()`.
final class PoolOccupation: Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let measuring = Atomic<Bool>(true)
    private let blocked = Atomic<Int>(0)
    private let released = Atomic<Bool>(false)

    /// How many pool threads are held.
    var held: Int { blocked.load(ordering: .sequentiallyConsistent) - 1 }

    static func leavingOneThreadFree() -> PoolOccupation {
        let occupation = PoolOccupation()
        // More tasks than any pool has threads: each thread takes one and blocks; the rest wait
        // in the queue and, started later, return at once.
        for _ in 0..<256 { Task.detached { occupation.block() } }
        Thread.sleep(forTimeInterval: 0.5)
        occupation.measuring.store(false, ordering: .sequentiallyConsistent)
        occupation.gate.signal()  // one thread goes free, and drains the queued tasks
        Thread.sleep(forTimeInterval: 0.2)
        return occupation
    }

    private func block() {
        guard measuring.load(ordering: .sequentiallyConsistent) else { return }
        blocked.add(1, ordering: .sequentiallyConsistent)
        gate.wait()
    }

    func release() {
        guard !released.exchange(true, ordering: .sequentiallyConsistent) else { return }
        for _ in 0..<max(0, held) { gate.signal() }
    }
}
