import BookingService
import Foundation
import ServicePages
import YeyakContent

/// The service's result pages come from the site's templates, so they match the site.
enum ResultPagesLoader {
    /// Checks the folder once at start (a clear message beats a failed first payment), and gives
    /// the service the loader it re-runs with every content load.
    static func loader(templates: String) throws -> @Sendable (Site) throws -> any ResultPages {
        let folder = URL(fileURLWithPath: templates, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.mustache").path) else {
            throw CommandFailure("--templates \(templates) has no result.mustache (the page shown after payment)")
        }
        let load = TemplateResultPages.loader(templatesFolder: folder)
        return { site in
            do { return try load(site) } catch { throw CommandFailure("\(error)") }
        }
    }
}
