import Synchronization

/// The number of the build the dev server is showing. Open pages poll it and reload when it
/// moves, so an editor sees a saved change without pressing reload.
package final class BuildVersion: Sendable {
    private let value = Mutex(0)

    package init() {}

    package var current: Int { value.withLock { $0 } }

    /// Called after a build that changed `output/`; returns the new number.
    @discardableResult
    package func advance() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
