import BookingService
import Foundation
import Synchronization
import YeyakContent

/// The service's result pages for `yeyak dev`: rendered from the templates with the dev origin
/// (so links stay on `http://HOST:PORT`), and re-read after each rebuild so an edit to
/// `result.mustache` shows up like any other page. A broken template keeps the last good one.
final class DevResultPages: ResultPages {
    private let templates: URL
    private let site: Site
    private let current: Mutex<TemplateResultPages>

    init(templates: URL, site: Site) throws {
        self.templates = templates
        self.site = site
        current = Mutex(try TemplateResultPages(templatesFolder: templates, site: site))
    }

    func render(_ page: ResultPage) -> String {
        let pages = current.withLock { $0 }
        return pages.render(page)
    }

    /// Re-reads the templates; throws (and keeps the old ones) when they do not parse.
    func reload() throws {
        let fresh = try TemplateResultPages(templatesFolder: templates, site: site)
        current.withLock { $0 = fresh }
    }
}
