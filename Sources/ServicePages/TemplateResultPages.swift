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
package struct TemplateResultPages: ResultPages {
    private let templates: PageTemplates
    private let site: Site
    private let links: PageLinks

    /// - Parameter templatesFolder: `site-templates/`; throws `BuildError` naming the template
    ///   file, line and column when one does not parse, or naming the page when a template that
    ///   parses cannot render (a partial that includes itself, say): such templates are refused
    ///   at load, so a reload keeps the last good pages instead of showing guests a bare fallback.
    package init(templatesFolder: URL, site: Site) throws {
        templates = try PageTemplates(folder: templatesFolder)
        self.site = site
        links = PageLinks.absolute(base: site.baseURLWithSlash, indexFile: "")
        for page in Self.trialPages {
            guard (try? templates.render(template(for: page), fields(for: page))) != nil else {
                throw BuildError("\(templatesFolder.path): the \(page.outcome.rawValue) page does not render (\(template(for: page)).mustache)")
            }
        }
    }

    /// One page of every kind, with every optional fact present, rendered once at load.
    private static let trialPages: [ResultPage] = {
        let event = BookingCalendar.Event(uid: "TRIAL", startsAt: Date(timeIntervalSince1970: 0), stampedAt: Date(timeIntervalSince1970: 0),
                                          summary: "-", location: "-", description: "-")
        let booking = BookingFacts(orderId: "TRIAL", restaurantName: "-", restaurantSlug: "trial", when: "-", tableName: "-",
                                   partySize: 2, amount: "0원", receiptURL: "https://example.invalid/", refundPolicy: "-",
                                   code: "TRIA-L234", address: "-", calendar: event)
        let outcomes: [ResultPage.Outcome] = [.paid, .failed, .checking, .cancelled]
        return outcomes.map { ResultPage(outcome: $0, title: "-", message: "-", booking: booking) }
            + [ResultPage(outcome: .error, status: 404, title: "-", message: "-"), ResultPage(outcome: .failed, title: "-", message: "-")]
    }()

    /// Pages for whatever content is loaded: how `yeyak serve` and `yeyak dev` re-read the
    /// templates with every content load (start, SIGHUP, a rebuild), so links follow the site.
    package static func loader(templatesFolder: URL) -> @Sendable (Site) throws -> any ResultPages {
        { site in try TemplateResultPages(templatesFolder: templatesFolder, site: site) }
    }

    package func render(_ page: ResultPage) -> String {
        if let bytes = try? templates.render(template(for: page), fields(for: page)) { return String(decoding: bytes, as: UTF8.self) }
        // Every kind of page rendered at load, so this is only reached on a pathological case;
        // the guest then still gets an honest, escaped page.
        let safe = HTMLEscaping.escape(page.title)
        return "<!doctype html><html lang=\"ko\"><meta charset=\"utf-8\"><title>\(safe)</title><h1>\(safe)</h1></html>"
    }

    /// `result` for a page about one of our bookings, `error` for everything else.
    private func template(for page: ResultPage) -> String {
        page.booking != nil && page.outcome != .error ? "result" : "error"
    }

    private func fields(for page: ResultPage) -> MustacheObject {
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: page.title)
        if let booking = page.booking, page.outcome != .error {
            fields["result"] = .object(result(page, booking))
            return fields
        }
        // The title and sentence say what happened; the HTTP status is for programs, not printed.
        fields["error"] = .object(["title": .string(page.title), "message": .string(page.message ?? "")])
        return fields
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
            "bookHref": .string(bookAgainHref(booking)),
            "lookupHref": .string(links.page(RestaurantViewModel.lookupFolder)),
            "slotDateTime": .string(booking.when),
            "tableName": .string(booking.tableName ?? ""),
            "partySize": .string("\(booking.partySize)명"),
            "depositAmount": .string(booking.amount),
            "refundPolicy": .string(booking.refundPolicy ?? ""),
        ]
        if let url = booking.receiptURL { result["receiptURL"] = .string(url) }
        if !booking.code.isEmpty { result["code"] = .string(booking.code) }
        if !booking.address.isEmpty {
            result["address"] = .string(booking.address)
            result["mapURL"] = .string("https://map.kakao.com/link/search/" + BookingCalendar.percentEncoded(booking.address))
        }
        if let event = booking.calendar, page.offersManageLink {
            result["calendarURL"] = .string(BookingCalendar.dataURL(event))
            result["calendarFileName"] = .string("yeyak-" + (booking.code.isEmpty ? "booking" : booking.code) + ".ics")
        }
        if let message = page.message {
            result["message"] = .string(message)
            if page.outcome == .failed { result["failureReason"] = .string(message) }
        }
        if page.offersManageLink {
            result["manageURL"] = .string(links.page(RestaurantViewModel.manageFolder) + "#" + booking.orderId)
        }
        return result
    }

    /// The booking page with the same time and party chosen (`?party=2&slot=ID`): "다시 예약하기"
    /// after a decline starts where the guest left off.
    private func bookAgainHref(_ booking: BookingFacts) -> String {
        let page = links.page(RestaurantViewModel.bookFolder(booking.restaurantSlug))
        guard let slotId = booking.slotId,
              let escaped = slotId.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#")))
        else { return page }
        return page + "?party=\(booking.partySize)&slot=" + escaped
    }
}
