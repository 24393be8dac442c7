#if canImport(Glibc)
import Glibc
#endif
import XCTest
import HTTPServer

final class SignalWatcherTests: XCTestCase {
    /// SIGHUP would terminate the test process by default; with the watcher it runs the reload.
    func testReloadRunsOnSIGHUPInsteadOfTerminating() async {
        let reloaded = Flag()
        let watcher = SignalWatcher.onReload { reloaded.set() }
        defer { watcher.cancel() }
        // Dispatch registers the source asynchronously; a signal sent before that is ignored,
        // so send it (process-directed, like `kill -HUP`) until the handler has run.
        for _ in 0..<100 where !reloaded.isSet {
            kill(getpid(), SIGHUP)
            try? await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertTrue(reloaded.isSet)
    }
}
