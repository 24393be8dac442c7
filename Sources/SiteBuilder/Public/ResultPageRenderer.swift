import Foundation
import Mustache
import YeyakContent

/// Renders the pages the service answers the Toss redirects with (`result.mustache`) and its
/// plain error page (`error.mustache`), from the same templates and layout as the site.
///
/// Templates are parsed once, at init; `render` is safe to call from any thread. Links go to the
/// absolute `site.baseURL`, since these pages are served by the service, possibly on another
/// origin than the static pages.
public struct ResultPageRenderer: Sendable {
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

    public func render(_ view: BookingResultView) -> String {
        let title: String
        switch view.outcome {
        case .paid: title = "예약이 성공하였습니다"
        case .failed: title = "예약에 실패했습니다"
        case .checking: title = "결제를 확인하고 있습니다"
        }
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: title)
        var result: [String: MustacheValue] = [
            "outcome": .string(view.outcome.rawValue),
            "paid": .bool(view.outcome == .paid),
            "failed": .bool(view.outcome == .failed),
            "checking": .bool(view.outcome == .checking),
            "title": .string(title),
            "orderId": .string(view.orderId),
            "restaurantName": .string(view.restaurantName),
            "restaurantHref": .string(links.page(RestaurantViewModel.folder(view.restaurantSlug))),
            "bookHref": .string(links.page(RestaurantViewModel.bookFolder(view.restaurantSlug))),
            "slotDateTime": .string(view.slotDateTime),
            "tableName": .string(view.tableName),
            "partySize": .string("\(view.partySize)명"),
            "depositAmount": .string(view.depositAmount),
            "refundPolicy": .string(view.refundPolicy),
        ]
        if let url = view.receiptURL { result["receiptURL"] = .string(url) }
        if let reason = view.failureReason { result["failureReason"] = .string(reason) }
        if let url = view.manageURL { result["manageURL"] = .string(url) }
        fields["result"] = .object(result)
        return renderOrFallback("result", fields, title: title)
    }

    /// A plain page with a title and a message, e.g. for 404 and 403 answers of the service.
    /// `status` is shown small on the page ("오류 403").
    public func renderError(title: String, message: String, status: Int) -> String {
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: title)
        fields["error"] = .object(["title": .string(title), "message": .string(message), "status": .int(status)])
        return renderOrFallback("error", fields, title: title)
    }

    /// Templates were parsed at init, so rendering only fails on a pathological template
    /// (e.g. recursive partials); the guest then still gets an honest, escaped page.
    private func renderOrFallback(_ name: String, _ fields: [String: MustacheValue], title: String) -> String {
        if let bytes = try? templates.render(name, fields) { return String(decoding: bytes, as: UTF8.self) }
        let safe = HTMLEscaping.escape(title)
        return "<!doctype html><html lang=\"ko\"><meta charset=\"utf-8\"><title>\(safe)</title><h1>\(safe)</h1></html>"
    }
}
