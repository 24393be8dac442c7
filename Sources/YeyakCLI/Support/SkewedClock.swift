import CivilTime
import Foundation

/// The machine's clock moved by a fixed offset, for drills that show a shared PostgreSQL
/// database keeps its invariants when one instance's clock is wrong (its holds expire by the
/// database's clock, not this one). Set with `YEYAK_CLOCK_OFFSET_SECONDS`; never in production.
struct SkewedClock: WallClock {
    static let variable = "YEYAK_CLOCK_OFFSET_SECONDS"
    let offset: TimeInterval
    var now: Date { Date().addingTimeInterval(offset) }
}
