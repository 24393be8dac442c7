import CivilTime
import Foundation
import SiteBuilder
import YeyakContent

/// One `yeyak build` with fixed inputs and overrides, run again on every change. Incremental:
/// SiteBuilder rewrites only files whose bytes change. Content is validated before anything is
/// written, so a mistake leaves the last good build in `output/`.
package struct SiteRebuilder: Sendable {
    package let content: URL
    package let templates: URL
    package let output: URL
    package let overrides: SiteOverrides
    /// What "now" is for the build (today for "nextDays", which slots are upcoming) and for
    /// `LiveSite`'s midnight rebuild; a manual clock in tests.
    package let clock: any WallClock

    package init(content: URL, templates: URL, output: URL, overrides: SiteOverrides, clock: any WallClock = SystemClock()) {
        self.content = content
        self.templates = templates
        self.output = output
        self.overrides = overrides
        self.clock = clock
    }

    /// What an editor changes: the content and the templates (with their assets).
    package var watchedFolders: [URL] { [content, templates] }

    /// Builds; throws `ContentErrors` (every problem) or the builder's error.
    package func build() throws -> BuildReport {
        try SiteBuilder.build(content: content, templates: templates, output: output, overrides: overrides, now: clock.now)
    }

    /// Until when the pages built at `now` stay right: the next midnight in the site's zone or
    /// slot start (`SiteContent.unchangedUntil`, `yeyak build`'s own cut-off); nil while the
    /// content does not load (the watcher rebuilds once it is fixed).
    package func unchangedUntil(after now: Date) -> Date? {
        (try? ContentLoader.load(from: content, now: now))?.unchangedUntil(after: now)
    }
}
