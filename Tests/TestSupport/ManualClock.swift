import CivilTime
import Foundation

/// A clock that only moves when a test tells it to; stands in for `SystemClock` in the service
/// and the sandbox.
package final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts at `start`, by default 2026-01-01 00:00 UTC.
    package init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = start }

    package var now: Date { lock.withLock { current } }

    package func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }

    package func set(_ date: Date) { lock.withLock { current = date } }
}
