import Foundation

/// The sandbox's notion of "now", injectable so tests can walk through confirm windows and
/// session expiry without waiting. The admin endpoint adds an offset on top of it.
public protocol SandboxClock: Sendable {
    func now() -> Date
}

/// Wall-clock time.
public struct SystemSandboxClock: SandboxClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to.
public final class ManualSandboxClock: SandboxClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(seconds: TimeInterval) { lock.withLock { current += seconds } }
}
