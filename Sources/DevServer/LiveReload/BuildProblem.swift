import Synchronization

/// What keeps `yeyak dev` from showing the files as they are now: the content problems of a
/// refused rebuild, a template error, or a service that could not reload. Open pages poll it
/// with the build number and show it over the page until it is gone (`LiveReloadScript`), so an
/// editor sees the mistake where they look, not only in the terminal.
package final class BuildProblem: Sendable {
    private let text = Mutex<String?>(nil)

    package init() {}

    /// The problem as the terminal prints it; nil while the last rebuild went through.
    package var current: String? { text.withLock { $0 } }

    package func report(_ problem: String) { text.withLock { $0 = problem } }

    package func clear() { text.withLock { $0 = nil } }
}
