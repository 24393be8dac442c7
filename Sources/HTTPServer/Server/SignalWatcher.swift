#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation

/// Runs a closure when the process receives one of `signals` (e.g. SIGTERM to stop gracefully,
/// SIGHUP to reload content), through Dispatch so the handler may do real work.
///
/// The signals' default actions are disabled while the watcher exists; keep it alive (store it)
/// for as long as you want the handler to run. Dispatch registers the sources asynchronously:
/// create the watcher at startup, since a signal in its first milliseconds is ignored.
package final class SignalWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal]

    package init(signals: [Int32], queue: DispatchQueue = .global(), handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)  // otherwise the default action would still terminate us
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// SIGTERM and SIGINT: the service should call `HTTPServer.shutdown()` and exit.
    package static func onTermination(queue: DispatchQueue = .global(), _ handler: @escaping @Sendable (Int32) -> Void) -> SignalWatcher {
        SignalWatcher(signals: [SIGTERM, SIGINT], queue: queue, handler: handler)
    }

    /// SIGHUP: the service reloads its content.
    package static func onReload(queue: DispatchQueue = .global(), _ handler: @escaping @Sendable () -> Void) -> SignalWatcher {
        SignalWatcher(signals: [SIGHUP], queue: queue) { _ in handler() }
    }

    /// Stops watching (the signals stay ignored: restoring defaults could kill us mid-shutdown).
    package func cancel() {
        lock.lock()
        defer { lock.unlock() }
        sources.forEach { $0.cancel() }
        sources = []
    }

    deinit { sources.forEach { $0.cancel() } }
}
