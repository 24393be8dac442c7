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
package final class NonDecreasingClock: WallClock, Sendable {
    private let base: any WallClock
    private let latest: Mutex<Date>

    package init(_ base: any WallClock = SystemClock()) {
        self.base = base
        latest = Mutex(base.now)
    }

    package var now: Date {
        let current = base.now
        return latest.withLock { latest in
            if current > latest { latest = current }
            return latest
        }
    }
}
