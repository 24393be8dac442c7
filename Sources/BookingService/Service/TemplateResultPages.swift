import Foundation
import SiteBuilder
import YeyakContent

/// Result pages from `site-templates/` (`result.mustache`, `error.mustache`), so the page after
/// payment looks like the rest of the site.
public struct TemplateResultPages: ResultPages {
    private let renderer: ResultPageRenderer

    public init(templatesFolder: URL, site: Site) throws {
        renderer = try ResultPageRenderer(templatesFolder: templatesFolder, site: site)
    }

    public func render(_ page: ResultPage) -> String {
        let outcome: BookingResultView.Outcome
        switch page.outcome {
        case .paid: outcome = .paid
        case .failed: outcome = .failed
        case .checking: outcome = .checking
        case .cancelled, .error:
            return renderer.renderError(title: page.title, message: page.reason ?? "", status: page.outcome == .error ? 400 : 200)
        }
        guard let orderId = page.orderId else {
            // A failure without a booking of ours (unknown or foreign order): say so plainly.
            return renderer.renderError(title: page.title, message: page.reason ?? "", status: 200)
        }
        return renderer.render(BookingResultView(
            outcome: outcome, orderId: orderId, restaurantName: page.restaurantName ?? "",
            restaurantSlug: page.restaurantSlug ?? "", slotDateTime: page.when ?? "", tableName: page.tableName ?? "",
            partySize: page.partySize ?? 0, depositAmount: page.amount ?? "", receiptURL: page.receiptURL,
            refundPolicy: page.refundPolicy ?? "", failureReason: page.reason, manageURL: page.manageURL))
    }
}
