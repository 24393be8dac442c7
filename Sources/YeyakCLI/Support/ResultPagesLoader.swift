import BookingService
import Foundation
import YeyakContent

/// The service's result pages come from the site's templates, so they match the site.
enum ResultPagesLoader {
    static func load(templates: String, contentDirectory: URL) throws -> any ResultPages {
        let folder = URL(fileURLWithPath: templates, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.mustache").path) else {
            throw CommandFailure("--templates \(templates) has no result.mustache (the page shown after payment)")
        }
        let content = try loadContent(contentDirectory.path)
        do {
            return try TemplateResultPages(templatesFolder: folder, site: content.site)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
