import Foundation
import Synchronization

/// Where the service and the sandbox read the time: the system clock in production, a clock
/// tests move by hand (hold expiry, late payments, refund windows, confirm windows).
///
/// Not `Clock`: that name is the standard library's protocol for monotonic clocks.
package protocol WallClock: Sendable {
    var now: Date { get }
}

/// The machine's wall-clock time.
package struct SystemClock: WallClock {
    package init() {}
    package var now: Date { Date() }
}

/// A wall clock that never goes back: `max` of what it said before and what `base` says now.
///
/// The service's clock. A step forward (an NTP correction, a VM resumed) is followed at once:
/// holds lapse early, which can cost a guest their hold but never sells a seat twice. A step
/// back is not: time stands still until `base` catches up, so a hold that has lapsed stays
/// lapsed. Decisions that must survive a restart (which forgets the high-water mark) are made
/// by the store from what it wrote (`BookingStore`: a sale marks the lapsed holds it sells
/// EXPIRED; a confirm re-checks seats when a later write in the slot is past the hold's expiry).
///
/// A step back larger than `maxStandstill` (an hour by default: far more than an NTP slew or a
/// hold's 15 minutes) is followed instead, and reported: a clock once set a month ahead by
/// mistake and then corrected would otherwise freeze the service for that month - every slot
/// "started", nothing for sale, no guest able to cancel (found by an outside review). Following
/// it is what a restart does anyway, and the store's record keeps lapsed holds lapsed.
package final class NonDecreasingClock: WallClock, Sendable {
    private let base: any WallClock
    private let latest: Mutex<Date>
    private let maxStandstill: TimeInterval
    private let onFollowedBack: @Sendable (_ seconds: TimeInterval) -> Void

    package init(_ base: any WallClock = SystemClock(), maxStandstill: TimeInterval = 3600,
                 onFollowedBack: @escaping @Sendable (_ seconds: TimeInterval) -> Void = { _ in }) {
        self.base = base
        latest = Mutex(base.now)
        self.maxStandstill = maxStandstill
        self.onFollowedBack = onFollowedBack
    }

    package var now: Date {
        let current = base.now
        var followedBack: TimeInterval?
        let answer = latest.withLock { latest in
            if current > latest {
                latest = current
            } else if latest.timeIntervalSince(current) > maxStandstill {
                followedBack = latest.timeIntervalSince(current)
                latest = current
            }
            return latest
        }
        if let followedBack { onFollowedBack(followedBack) }
        return answer
    }
}

/// Waits until a moment on a wall clock. The service's booking-window timer and `yeyak dev`'s
/// midnight rebuild sleep through it, so a test can drive a manual clock across midnight and see
/// them fire (issue 19).
package struct WallClockSleeper: Sendable {
    /// The longest single sleep before the clock is read again. A wall clock can step (NTP, a
    /// resumed VM) while the process sleeps on monotonic time: a step forward is noticed within
    /// this, and a step back only delays the wake-up. Never a busy loop: every step sleeps.
    package var recheckEvery: TimeInterval

    package init(recheckEvery: TimeInterval = 60) { self.recheckEvery = max(0.001, recheckEvery) }

    /// Returns once `clock.now >= moment`; throws `CancellationError` when the task is cancelled.
    package func sleep(until moment: Date, on clock: any WallClock) async throws {
        while true {
            let remaining = moment.timeIntervalSince(clock.now)
            if remaining <= 0 { return }
            let step = min(remaining, recheckEvery)
            try await Task.sleep(nanoseconds: UInt64(step * 1e9) + 1)
        }
    }
}
