import Dispatch
import Foundation
import Mustache
import YeyakContent

/// `yeyak build`: content + templates -> the static site in `output/`, incrementally.
///
/// Output (pretty URLs, relative links; see docs/site.md):
/// `index.html`, `restaurants/SLUG/index.html`, `restaurants/SLUG/book/index.html`, `404.html`,
/// `sitemap.xml`, `assets/**` (from `templates/assets`), `images/**` (from `content/images`),
/// and `.yeyak-build.json`, the manifest of what the build wrote.
public enum SiteBuilder {
    /// Loads and validates `content` (throwing `ContentErrors`, the same list `yeyak check`
    /// prints), then builds.
    public static func build(
        content: URL, templates: URL, output: URL, overrides: SiteOverrides = SiteOverrides(),
        now: Date = Date(), progress: (@Sendable (String) -> Void)? = nil
    ) throws -> BuildReport {
        let loaded = try ContentLoader.load(from: content, now: now)
        return try build(loaded, contentFolder: content, templates: templates, output: output,
                         overrides: overrides, now: now, progress: progress)
    }

    /// Builds already loaded content; `contentFolder` is where `images/` is copied from.
    public static func build(
        _ content: SiteContent, contentFolder: URL, templates: URL, output: URL,
        overrides: SiteOverrides = SiteOverrides(), now: Date = Date(),
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> BuildReport {
        let started = DispatchTime.now()
        let site = try overrides.apply(to: content.site)
        let pageTemplates = try PageTemplates(folder: templates)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let writer = IncrementalWriter(output: output)
        let indexFile = overrides.fileLinks ? "index.html" : ""
        let base = InputFingerprint.base(templates: pageTemplates.fingerprint, site: site, fileLinks: overrides.fileLinks)
        let job = SitePages(site: site, templates: pageTemplates, writer: writer, indexFile: indexFile, base: base)

        let restaurants = content.restaurants
        let upcoming = restaurants.map { $0.upcomingSlots(after: now) }
        try job.restaurantPages(restaurants, upcoming: upcoming, progress: progress)
        try job.listPage(restaurants, upcoming: upcoming)
        try job.managePage()
        try job.notFoundPage()
        try job.sitemap(restaurants)
        try AssetCopier.copy(from: templates.appendingPathComponent("assets"), to: "assets", writer: writer)
        try AssetCopier.copy(from: contentFolder.appendingPathComponent("images"), to: "images", writer: writer)
        let removed = try writer.finish()

        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        return BuildReport(written: writer.written, unchanged: writer.unchanged, removed: removed,
                           pages: restaurants.count * 2 + 3, milliseconds: elapsed)
    }
}
