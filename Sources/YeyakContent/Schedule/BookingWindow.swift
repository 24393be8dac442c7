import Foundation

/// The rolling booking window over time: "the next N days" rules counted from another day
/// without re-reading the files. When to do it is `unchangedUntil(after:)`, the same cut-off
/// `yeyak build`'s fast path uses.
///
/// A long-running service uses it to move the window by itself (issue 19): at each midnight on
/// the site's clock a new last day opens, and at each slot start that slot stops being offered.
extension SiteContent {
    /// The same content with every restaurant's rules expanded from `today` (the site's zone).
    /// Overrides apply as when loaded. A slot that two rules produce on a day first reached now
    /// (the loader refuses that on the days it saw) is kept from the first rule, as the loader's
    /// expansion keeps it; the content check reports it at the next reload or `yeyak check`.
    package func expanded(today: LocalDate) -> SiteContent {
        var copy = self
        let zone = site.timeZone
        copy.restaurants = restaurants.map { restaurant in
            var restaurant = restaurant
            restaurant.slots = SlotExpander.expand(
                restaurant: restaurant.slug, tables: restaurant.tables, rules: restaurant.weeklyRules,
                overrides: restaurant.slotOverrides, today: today, zone: zone).slots
            return restaurant
        }
        return copy
    }

    /// The same content expanded from the day `now` falls on in the site's zone.
    package func expanded(at now: Date) -> SiteContent {
        expanded(today: LocalDateTime(now, in: site.timeZone).date)
    }
}
