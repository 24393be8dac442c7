import Foundation
import Synchronization

/// Polls folders every `interval` and calls `onChange` with the changed paths. One change
/// handler runs at a time: edits made while it runs are seen by the next poll, never lost.
package final class FolderWatcher: Sendable {
    private let folders: [URL]
    private let interval: Duration
    private let task = Mutex<Task<Void, Never>?>(nil)

    package init(folders: [URL], interval: Duration = .milliseconds(500)) {
        self.folders = folders
        self.interval = interval
    }

    /// Starts polling; the first snapshot is the baseline (no call for files already there).
    package func start(onChange: @escaping @Sendable ([String]) async -> Void) {
        let folders = folders
        let interval = interval
        let baseline = FolderSnapshot.take(of: folders)
        let polling = Task.detached {
            var previous = baseline
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                let current = FolderSnapshot.take(of: folders)
                let changed = current.changes(since: previous)
                previous = current
                if !changed.isEmpty { await onChange(changed) }
            }
        }
        task.withLock { old in
            old?.cancel()
            old = polling
        }
    }

    /// Stops polling and waits for a change handler in progress to finish.
    package func stop() async {
        guard let running = task.withLock({ old -> Task<Void, Never>? in
            defer { old = nil }
            return old
        }) else { return }
        running.cancel()
        await running.value
    }
}
