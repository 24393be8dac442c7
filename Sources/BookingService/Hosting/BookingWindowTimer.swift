import BookingStore
import CivilTime
import Foundation
import YeyakContent

/// Keeps the booking window moving with no reload: sleeps until the next Seoul midnight (the
/// site's zone) or slot start, by the service's clock, then re-expands the loaded content's
/// rules from that day and runs the same inventory sync a reload runs (`Bookings.load`).
enum BookingWindowTimer {
    /// Runs until cancelled. `since` is when the loaded content was synced: the first moment is
    /// the next one after it, so a clock that passed midnight before this task got going still
    /// syncs at once. `reexpand` does one sync and returns its report; a failure (a locked
    /// database, an edit refused) is logged and the timer re-arms for the next moment.
    static func run(
        since: Date, clock: any WallClock, sleeper: WallClockSleeper, content: @escaping @Sendable () -> SiteContent,
        reexpand: @escaping @Sendable (Date) async throws -> InventoryReport, log: @escaping @Sendable (String) -> Void
    ) async {
        var synced = since
        while !Task.isCancelled {
            let current = content()
            let moment = current.unchangedUntil(after: synced)
            let stamp = ISO8601Timestamp.format(secondsSince1970: Int(moment.timeIntervalSince1970.rounded(.down)),
                                                offsetSeconds: current.site.timeZone.secondsFromGMT(for: moment))
            do {
                try await sleeper.sleep(until: moment, on: clock)
            } catch {
                return  // cancelled: close()
            }
            if Task.isCancelled { return }
            // Everything up to now is covered by one sync, however many moments a step skipped;
            // the next moment is after now, so the loop always sleeps.
            synced = max(clock.now, moment)
            do {
                let report = try await reexpand(synced)
                log("booking window moved (\(stamp)): \(report.added.count) slots added, \(report.changed.count) changed, \(report.removed.count) removed")
            } catch {
                log("booking window: could not move at \(stamp): \(error)")
                // Not at once again: wait at least a minute before the next try.
                try? await sleeper.sleep(until: clock.now.addingTimeInterval(60), on: clock)
            }
        }
    }
}

/// Runs content loads one after another: a reload from disk and the timer's re-expansion must
/// not interleave, or the timer could put back the content a reload just replaced.
actor SerialLoads {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task<T, any Error> {
            await previous?.value
            return try await operation()
        }
        tail = Task { _ = await task.result }
        return try await task.value
    }
}
