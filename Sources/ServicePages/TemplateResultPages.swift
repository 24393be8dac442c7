import BookingService
import Foundation
import Mustache
import SiteBuilder
import YeyakContent

/// The service's pages from `site-templates/` (`result.mustache` for a booking's payment result,
/// `error.mustache` for everything else), in the same layout as the site.
///
/// Templates are parsed once, at init; `render` is safe to call from any thread. Links go to the
/// absolute `site.baseURL`, since these pages are served by the service, possibly on another
/// origin than the static pages. The page's title, status and message are the `ResultPage`'s,
/// decided by the service: nothing is re-chosen here.
public struct TemplateResultPages: ResultPages {
    private let templates: PageTemplates
    private let site: Site
    private let links: PageLinks

    /// - Parameter templatesFolder: `site-templates/`; throws `BuildError` naming the template
    ///   file, line and column when one does not parse.
    public init(templatesFolder: URL, site: Site) throws {
        templates = try PageTemplates(folder: templatesFolder)
        self.site = site
        links = PageLinks.absolute(base: site.baseURLWithSlash, indexFile: "")
    }

    /// Pages for whatever content is loaded: how `yeyak serve` and `yeyak dev` re-read the
    /// templates with every content load (start, SIGHUP, a rebuild), so links follow the site.
    public static func loader(templatesFolder: URL) -> @Sendable (Site) throws -> any ResultPages {
        { site in try TemplateResultPages(templatesFolder: templatesFolder, site: site) }
    }

    public func render(_ page: ResultPage) -> String {
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: page.title)
        if let booking = page.booking, page.outcome != .error {
            fields["result"] = .object(result(page, booking))
            return renderOrFallback("result", fields, title: page.title)
        }
        var error: [String: MustacheValue] = ["title": .string(page.title), "message": .string(page.message ?? "")]
        // "오류 404" only on error answers: a failure the guest caused is not an error code.
        if page.status >= 400 { error["status"] = .int(page.status) }
        fields["error"] = .object(error)
        return renderOrFallback("error", fields, title: page.title)
    }

    private func result(_ page: ResultPage, _ booking: BookingFacts) -> [String: MustacheValue] {
        var result: [String: MustacheValue] = [
            "outcome": .string(page.outcome.rawValue),
            "paid": .bool(page.outcome == .paid),
            "failed": .bool(page.outcome == .failed),
            "checking": .bool(page.outcome == .checking),
            "cancelled": .bool(page.outcome == .cancelled),
            "title": .string(page.title),
            "orderId": .string(booking.orderId),
            "restaurantName": .string(booking.restaurantName),
            "restaurantHref": .string(links.page(RestaurantViewModel.folder(booking.restaurantSlug))),
            "bookHref": .string(links.page(RestaurantViewModel.bookFolder(booking.restaurantSlug))),
            "slotDateTime": .string(booking.when),
            "tableName": .string(booking.tableName ?? ""),
            "partySize": .string("\(booking.partySize)명"),
            "depositAmount": .string(booking.amount),
            "refundPolicy": .string(booking.refundPolicy ?? ""),
        ]
        if let url = booking.receiptURL { result["receiptURL"] = .string(url) }
        if let message = page.message {
            result["message"] = .string(message)
            if page.outcome == .failed { result["failureReason"] = .string(message) }
        }
        if page.offersManageLink {
            result["manageURL"] = .string(links.page(RestaurantViewModel.manageFolder) + "#" + booking.orderId)
        }
        return result
    }

    /// Templates were parsed at init, so rendering only fails on a pathological template
    /// (e.g. recursive partials); the guest then still gets an honest, escaped page.
    private func renderOrFallback(_ name: String, _ fields: [String: MustacheValue], title: String) -> String {
        if let bytes = try? templates.render(name, fields) { return String(decoding: bytes, as: UTF8.self) }
        let safe = HTMLEscaping.escape(title)
        return "<!doctype html><html lang=\"ko\"><meta charset=\"utf-8\"><title>\(safe)</title><h1>\(safe)</h1></html>"
    }
}
