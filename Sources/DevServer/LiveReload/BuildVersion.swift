import Synchronization

/// The number of the build the dev server is showing. Open pages poll it and reload when it
/// moves, so an editor sees a saved change without pressing reload.
public final class BuildVersion: Sendable {
    private let value = Mutex(0)

    public init() {}

    public var current: Int { value.withLock { $0 } }

    /// Called after a build that changed `output/`; returns the new number.
    @discardableResult
    public func advance() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
