import BookingStore
import Foundation

/// What the service shows a browser: the page after a Toss redirect, and its error pages.
/// Rendered from `site-templates/` in production (the `ServicePages` module, above both this
/// module and the site builder), and by a plain page in tests.
public protocol ResultPages: Sendable {
    func render(_ page: ResultPage) -> String
}

/// One page's facts, preformatted for Korean guests. Its outcome, HTTP status and title are
/// decided once, where the page is made (`ResultPage.payment`, `.error`), and every renderer
/// shows exactly those: the status sent is the status printed.
public struct ResultPage: Sendable, Equatable {
    public enum Outcome: String, Sendable { case paid, failed, checking, cancelled, error }
    public var outcome: Outcome
    /// The HTTP status the page is sent with.
    public var status: Int
    public var title: String
    /// A plain Korean sentence: the failure reason, what is being checked, what went wrong.
    public var message: String?
    /// The booking the page is about; nil for error pages and for failures with no booking of ours.
    public var booking: BookingFacts?

    public init(outcome: Outcome, status: Int = 200, title: String, message: String? = nil, booking: BookingFacts? = nil) {
        self.outcome = outcome
        self.status = status
        self.title = title
        self.message = message
        self.booking = booking
    }

    /// True for the outcomes that keep a booking the guest may come back to manage.
    public var offersManageLink: Bool { booking != nil && (outcome == .paid || outcome == .checking) }
}

/// A booking as its result page shows it.
public struct BookingFacts: Sendable, Equatable {
    /// The booking number (the Toss `orderId`).
    public var orderId: String
    public var restaurantName: String
    public var restaurantSlug: String
    /// "12월 24일 (목) 오후 6:00".
    public var when: String
    public var tableName: String?
    public var partySize: Int
    /// "20,000원".
    public var amount: String
    public var receiptURL: String?
    public var refundPolicy: String?

    public init(orderId: String, restaurantName: String, restaurantSlug: String, when: String, tableName: String? = nil,
                partySize: Int, amount: String, receiptURL: String? = nil, refundPolicy: String? = nil) {
        self.orderId = orderId
        self.restaurantName = restaurantName
        self.restaurantSlug = restaurantSlug
        self.when = when
        self.tableName = tableName
        self.partySize = partySize
        self.amount = amount
        self.receiptURL = receiptURL
        self.refundPolicy = refundPolicy
    }
}
