import Dispatch
import Foundation
import Mustache
import YeyakContent

/// `yeyak build`: content + templates -> the static site in `output/`, incrementally.
///
/// Output (pretty URLs, relative links; see docs/site.md):
/// `index.html`, `restaurants/SLUG/index.html`, `restaurants/SLUG/book/index.html`, `booking/index.html`
/// (manage), `lookup/index.html` (예약 조회), `404.html`,
/// `sitemap.xml`, `assets/**` (from `templates/assets`), `images/**` (from `content/images`),
/// and `.yeyak-build.json`, the manifest of what the build wrote.
package enum SiteBuilder {
    /// Loads and validates `content` (throwing `ContentErrors`, the same list `yeyak check`
    /// prints), then builds.
    ///
    /// When no input file, option or output changed since the last build and the clock has not
    /// passed a midnight or a slot start since, the last build is still exactly right: this
    /// returns at once with everything unchanged (`BuildReport.upToDate`), without loading or
    /// rendering. On any doubt it takes the normal path. See `InputRecord`.
    package static func build(
        content: URL, templates: URL, output: URL, overrides: SiteOverrides = SiteOverrides(),
        now: Date = Date(), progress: (@Sendable (String) -> Void)? = nil
    ) throws -> BuildReport {
        let started = DispatchTime.now()
        let options = InputRecord.options(content: content, templates: templates, overrides: overrides)
        // Taken before reading: an edit during the build then shows up as a change next time.
        let snapshot = InputSnapshot.take([("content", content), ("templates", templates)])
        let previous = BuildManifest.load(from: output)
        if let snapshot, let record = previous.inputs, record.allowsReuse(options: options, snapshot: snapshot, now: now),
           previous.outputsIntact(root: IncrementalWriter.rootPath(output)) {
            return BuildReport(written: 0, unchanged: previous.files.count, removed: 0, pages: record.pages,
                               restaurants: record.restaurants, milliseconds: milliseconds(since: started), upToDate: true)
        }
        let loaded = try ContentLoader.load(from: content, now: now)
        let record = snapshot.map {
            InputRecord(options: options, snapshot: $0, builtAt: now, validUntil: loaded.unchangedUntil(after: now),
                        restaurants: loaded.restaurants.count, pages: pageCount(loaded))
        }
        return try build(loaded, contentFolder: content, templates: templates, output: output, overrides: overrides,
                         now: now, progress: progress, previous: previous, inputs: record)
    }

    /// Builds already loaded content; `contentFolder` is where `images/` is copied from.
    /// The next build through the loading entry will not reuse this one (its inputs are unknown).
    package static func build(
        _ content: SiteContent, contentFolder: URL, templates: URL, output: URL,
        overrides: SiteOverrides = SiteOverrides(), now: Date = Date(),
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> BuildReport {
        try build(content, contentFolder: contentFolder, templates: templates, output: output, overrides: overrides,
                  now: now, progress: progress, previous: nil, inputs: nil)
    }

    static func pageCount(_ content: SiteContent) -> Int { content.restaurants.count * 2 + 4 }

    static func milliseconds(since started: DispatchTime) -> Int {
        Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
    }

    static func build(
        _ content: SiteContent, contentFolder: URL, templates: URL, output: URL, overrides: SiteOverrides,
        now: Date, progress: (@Sendable (String) -> Void)?, previous: BuildManifest?, inputs: InputRecord?
    ) throws -> BuildReport {
        let started = DispatchTime.now()
        let site = try overrides.apply(to: content.site)
        let pageTemplates = try PageTemplates(folder: templates)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let writer = IncrementalWriter(output: output, previous: previous)
        let indexFile = overrides.fileLinks ? "index.html" : ""
        let base = InputFingerprint.base(templates: pageTemplates.fingerprint, site: site, fileLinks: overrides.fileLinks)
        let job = SitePages(site: site, templates: pageTemplates, writer: writer, indexFile: indexFile, base: base)

        let restaurants = content.restaurants
        let cards = try job.restaurantPages(restaurants, now: now, progress: progress)
        try job.listPage(cards)
        try job.managePage()
        try job.lookupPage()
        try job.notFoundPage()
        try job.sitemap(restaurants)
        try AssetCopier.copy(from: templates.appendingPathComponent("assets"), to: "assets", writer: writer)
        try AssetCopier.copy(from: contentFolder.appendingPathComponent("images"), to: "images", writer: writer)
        writer.inputs = inputs
        let removed = try writer.finish()
        return BuildReport(written: writer.written, unchanged: writer.unchanged, removed: removed,
                           pages: pageCount(content), restaurants: restaurants.count,
                           milliseconds: milliseconds(since: started), upToDate: false)
    }
}
