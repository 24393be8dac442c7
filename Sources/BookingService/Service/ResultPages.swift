import BookingStore
import Foundation
import Mustache
import YeyakContent

/// What the service shows a guest after the Toss redirect, rendered from `site-templates/`
/// in production (see `TemplateResultPages`) and by a plain built-in page where no templates
/// are configured.
public protocol ResultPages: Sendable {
    func render(_ page: ResultPage) -> String
}

/// One result page's facts, preformatted for Korean guests.
public struct ResultPage: Sendable, Equatable {
    public enum Outcome: String, Sendable { case paid, failed, checking, cancelled, error }
    public var outcome: Outcome
    public var title: String
    public var orderId: String?
    public var restaurantName: String?
    public var restaurantSlug: String?
    public var when: String?
    public var tableName: String?
    public var partySize: Int?
    public var amount: String?
    public var receiptURL: String?
    public var refundPolicy: String?
    public var reason: String?
    public var manageURL: String?

    public init(outcome: Outcome, title: String) {
        self.outcome = outcome
        self.title = title
    }
}

/// The minimal page: every value escaped, no templates needed.
public struct PlainResultPages: ResultPages {
    public init() {}

    public func render(_ page: ResultPage) -> String {
        var rows: [String] = []
        if let orderId = page.orderId { rows.append("<p>예약번호: <strong>\(HTMLEscaping.escape(orderId))</strong></p>") }
        for (label, value) in [("식당", page.restaurantName), ("일시", page.when), ("좌석", page.tableName),
                               ("예약금", page.amount), ("사유", page.reason), ("환불 규정", page.refundPolicy)] {
            if let value { rows.append("<p>\(label): \(HTMLEscaping.escape(value))</p>") }
        }
        if let size = page.partySize { rows.append("<p>인원: \(size)명</p>") }
        if let receipt = page.receiptURL { rows.append("<p><a href=\"\(HTMLEscaping.escape(receipt))\">영수증 보기</a></p>") }
        return """
            <!doctype html>
            <html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(page.title))</title></head>
            <body><main><h1>\(HTMLEscaping.escape(page.title))</h1>
            \(rows.joined(separator: "\n"))
            </main></body></html>
            """
    }
}
