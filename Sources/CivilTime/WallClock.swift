import Foundation

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
