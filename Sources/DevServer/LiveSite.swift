import CivilTime
import Foundation
import SiteBuilder
import Synchronization

/// The site as `yeyak dev` keeps it: built once at start, rebuilt when a watched file changes
/// and when the clock passes a midnight in the site's zone or a slot start (the pages'
/// "next N days" and upcoming slots move, issue 19), with a build number that open pages poll
/// to reload themselves.
package final class LiveSite: Sendable {
    package let version = BuildVersion()
    /// Why the pages are not the files' (a refused or failed rebuild); shown over open pages.
    package let problem: BuildProblem
    package let rebuilder: SiteRebuilder
    private let watcher: FolderWatcher
    private let log: @Sendable (String) -> Void
    private let onRebuilt: @Sendable () async -> Void
    private let refusal: @Sendable () async -> String?
    private let sleeper: WallClockSleeper?
    private let scheduled = Mutex<Task<Void, Never>?>(nil)
    /// One rebuild at a time: the watcher's and the clock's never write `output/` together.
    private let rebuilds = RebuildQueue()

    /// - Parameters:
    ///   - log: one line per build or refusal (the CLI prints them).
    ///   - onRebuilt: runs after every successful rebuild (the CLI reloads the service's content).
    ///   - refusal: asked before every rebuild; a text refuses it (the CLI asks the service
    ///     whether the edit would sell booked seats twice), so pages and service stay together.
    ///   - sleeper: how the clock rebuild waits for the next midnight or slot start on
    ///     `rebuilder.clock`; nil turns it off.
    ///   - problem: where a refused or failed rebuild is kept for open pages; given by the
    ///     caller so `onRebuilt` can report a service that would not reload there too.
    package init(rebuilder: SiteRebuilder, pollInterval: Duration = .milliseconds(500),
                problem: BuildProblem = BuildProblem(),
                log: @escaping @Sendable (String) -> Void,
                onRebuilt: @escaping @Sendable () async -> Void = {},
                refusal: @escaping @Sendable () async -> String? = { nil },
                sleeper: WallClockSleeper? = WallClockSleeper()) {
        self.rebuilder = rebuilder
        self.problem = problem
        watcher = FolderWatcher(folders: rebuilder.watchedFolders, interval: pollInterval)
        self.log = log
        self.onRebuilt = onRebuilt
        self.refusal = refusal
        self.sleeper = sleeper
    }

    /// The first build; its error stops `yeyak dev` (there is nothing good to serve yet).
    @discardableResult
    package func buildNow() throws -> BuildReport {
        let report = try rebuilder.build()
        version.advance()
        return report
    }

    /// Rebuilds on every change, and at every midnight and slot start, until `stop()`.
    package func startWatching() {
        watcher.start { [self] changed in
            let what = changed.prefix(3).map(displayPath).joined(separator: ", ") + (changed.count > 3 ? ", …" : "")
            await rebuild(because: "after a change to \(what)")
        }
        guard let sleeper else { return }
        let since = rebuilder.clock.now
        scheduled.withLock { $0 = Task.detached { [self] in await rebuildOnSchedule(sleeper, since: since) } }
    }

    package func stop() async {
        let task = scheduled.withLock { task in defer { task = nil }; return task }
        task?.cancel()
        await task?.value
        await watcher.stop()
    }

    /// Sleeps until the pages built at `since` stop being right, rebuilds, re-arms. While the
    /// content does not load, tries again a minute later (an edit rebuilds through the watcher).
    private func rebuildOnSchedule(_ sleeper: WallClockSleeper, since: Date) async {
        let clock = rebuilder.clock
        var built = since
        while !Task.isCancelled {
            let moment = rebuilder.unchangedUntil(after: built) ?? clock.now.addingTimeInterval(60)
            do { try await sleeper.sleep(until: moment, on: clock) } catch { return }
            if Task.isCancelled { return }
            built = max(clock.now, moment)
            await rebuild(because: "at \(Self.stamp(moment)) (a new day or a slot start)")
        }
    }

    /// One rebuild; a refused build is reported (in the terminal and over open pages) and the
    /// last good pages stay up. A build that goes through clears the problem: open pages drop
    /// the overlay, and reload when the output changed.
    func rebuild(because reason: String) async {
        await rebuilds.run { [self] in
            if let refused = await refusal() {
                refuse(reason, refused)
                return
            }
            do {
                let report = try rebuilder.build()
                problem.clear()
                let number = report.changedOutput ? version.advance() : version.current
                log("rebuilt \(reason): \(report.summary)"
                    + (report.changedOutput ? " (build \(number), open pages reload)" : ""))
                await onRebuilt()
            } catch {
                refuse(reason, "\(error)")
            }
        }
    }

    private func refuse(_ reason: String, _ text: String) {
        problem.report(text)
        log("not rebuilt \(reason); still serving the last good build:\n\(text)")
    }

    /// `2026-03-10T15:00:00+00:00`: the moment in UTC (the site's zone is in the content).
    private static func stamp(_ moment: Date) -> String {
        ISO8601Timestamp.format(secondsSince1970: Int(moment.timeIntervalSince1970.rounded(.down)), offsetSeconds: 0)
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

/// Runs rebuilds one after another, in the order asked.
private actor RebuildQueue {
    private var tail: Task<Void, Never>?

    func run(_ operation: @escaping @Sendable () async -> Void) async {
        let previous = tail
        let task = Task {
            await previous?.value
            await operation()
        }
        tail = task
        await task.value
    }
}
