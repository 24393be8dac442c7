import Mustache
import YeyakContent

/// The fields `layout.mustache` reads on every page: the site's name and how to link home.
package enum LayoutViewModel {
    package static func fields(site: Site, links: PageLinks, pageTitle: String?) -> MustacheObject {
        var siteFields: MustacheObject = ["title": .string(site.title)]
        if let tagline = site.tagline { siteFields["tagline"] = .string(tagline) }
        var fields: MustacheObject = [
            "site": .object(siteFields),
            "root": .string(links.root),
            "indexFile": .string(links.indexFile),
            "homeHref": .string(links.root + links.indexFile),
        ]
        if let pageTitle { fields["pageTitle"] = .string(pageTitle) }
        return fields
    }
}
