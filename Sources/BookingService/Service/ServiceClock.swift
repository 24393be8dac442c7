import Foundation
import Synchronization

/// Where the service reads the time: the system clock in production, a hand-moved clock in
/// tests (hold expiry, late payments, refund windows).
public protocol ServiceClock: Sendable {
    var now: Date { get }
}

public struct SystemClock: ServiceClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock tests move by hand.
public final class ManualClock: ServiceClock, Sendable {
    private let current: Mutex<Date>
    public init(_ start: Date) { current = Mutex(start) }
    public var now: Date { current.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
