import Foundation

extension SiteContent {
    /// The first instant after `now` at which loading the same files again could give different
    /// pages, so a rebuild before it may reuse the last build (see `yeyak build`'s fast path).
    ///
    /// Content depends on the clock in exactly two places: "the next N days" rules count from
    /// today in the site's zone (`ContentLoader`), and a slot is upcoming while it starts after
    /// now (`Restaurant.upcomingSlots(after:)`). So the answer is the earlier of the next local
    /// midnight and the start of the earliest slot still upcoming at `now`, when it drops off.
    package func unchangedUntil(after now: Date) -> Date {
        var until = Self.nextMidnight(after: now, in: site.timeZone)
        // Every slot, not the first upcoming per restaurant: slots are sorted by wall-clock
        // start, which a zone's clock change can order differently from instants.
        for restaurant in restaurants {
            for slot in restaurant.slots where slot.startsAt > now && slot.startsAt < until {
                until = slot.startsAt
            }
        }
        return until
    }

    /// When "today" next changes on the site's wall clock. Steps back while the instant found
    /// is already in tomorrow (a zone whose midnight is skipped by a clock change), so it is
    /// never later than the real change of date.
    static func nextMidnight(after now: Date, in zone: TimeZone) -> Date {
        let today = LocalDateTime(now, in: zone).date
        var midnight = LocalDateTime(date: today.adding(days: 1), time: LocalTime(hour: 0, minute: 0)!).instant(in: zone)
        while midnight > now, LocalDateTime(midnight.addingTimeInterval(-1), in: zone).date > today {
            midnight = midnight.addingTimeInterval(-900)
        }
        return max(midnight, now)
    }
}
