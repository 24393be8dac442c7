import Foundation
import SiteBuilder

/// The site as `yeyak dev` keeps it: built once at start, rebuilt when a watched file changes,
/// with a build number that open pages poll to reload themselves.
package final class LiveSite: Sendable {
    package let version = BuildVersion()
    package let rebuilder: SiteRebuilder
    private let watcher: FolderWatcher
    private let log: @Sendable (String) -> Void
    private let onRebuilt: @Sendable () async -> Void
    private let refusal: @Sendable () async -> String?

    /// - Parameters:
    ///   - log: one line per build or refusal (the CLI prints them).
    ///   - onRebuilt: runs after every successful rebuild (the CLI reloads the service's content).
    ///   - refusal: asked before every rebuild; a text refuses it (the CLI asks the service
    ///     whether the edit would sell booked seats twice), so pages and service stay together.
    package init(rebuilder: SiteRebuilder, pollInterval: Duration = .milliseconds(500),
                log: @escaping @Sendable (String) -> Void,
                onRebuilt: @escaping @Sendable () async -> Void = {},
                refusal: @escaping @Sendable () async -> String? = { nil }) {
        self.rebuilder = rebuilder
        watcher = FolderWatcher(folders: rebuilder.watchedFolders, interval: pollInterval)
        self.log = log
        self.onRebuilt = onRebuilt
        self.refusal = refusal
    }

    /// The first build; its error stops `yeyak dev` (there is nothing good to serve yet).
    @discardableResult
    package func buildNow() throws -> BuildReport {
        let report = try rebuilder.build()
        version.advance()
        return report
    }

    /// Rebuilds on every change until `stop()`.
    package func startWatching() {
        watcher.start { [self] changed in await rebuild(after: changed) }
    }

    package func stop() async { await watcher.stop() }

    /// One rebuild; a refused build is reported and the last good pages stay up.
    func rebuild(after changed: [String]) async {
        let what = changed.prefix(3).map(displayPath).joined(separator: ", ") + (changed.count > 3 ? ", …" : "")
        if let refused = await refusal() {
            log("not rebuilt after a change to \(what); still serving the last good build:\n\(refused)")
            return
        }
        do {
            let report = try rebuilder.build()
            let number = report.changedOutput ? version.advance() : version.current
            log("rebuilt after a change to \(what): \(report.summary)"
                + (report.changedOutput ? " (build \(number), open pages reload)" : ""))
            await onRebuilt()
        } catch {
            log("not rebuilt after a change to \(what); still serving the last good build:\n\(error)")
        }
    }

    /// `content/restaurants/jipbap.json` rather than the absolute path.
    private func displayPath(_ path: String) -> String {
        for folder in rebuilder.watchedFolders {
            let parent = folder.deletingLastPathComponent().path
            let prefix = parent.hasSuffix("/") ? parent : parent + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }
}
