import BookingService
import Mustache

/// Result pages without templates, for service tests: every fact of the page, escaped, in a
/// minimal document (the real pages are `ServicePages.TemplateResultPages`).
package struct PlainResultPages: ResultPages {
    package init() {}

    package func render(_ page: ResultPage) -> String {
        var rows: [String] = []
        if let booking = page.booking {
            rows.append("<p>예약번호: <strong>\(HTMLEscaping.escape(booking.orderId))</strong></p>")
            for (label, value) in [("식당", booking.restaurantName), ("일시", booking.when), ("좌석", booking.tableName),
                                   ("예약금", booking.amount)] {
                if let value { rows.append("<p>\(label): \(HTMLEscaping.escape(value))</p>") }
            }
            rows.append("<p>인원: \(booking.partySize)명</p>")
        }
        if let message = page.message { rows.append("<p>사유: \(HTMLEscaping.escape(message))</p>") }
        if let policy = page.booking?.refundPolicy { rows.append("<p>환불 규정: \(HTMLEscaping.escape(policy))</p>") }
        if let receipt = page.booking?.receiptURL { rows.append("<p><a href=\"\(HTMLEscaping.escape(receipt))\">영수증 보기</a></p>") }
        if page.status >= 400 { rows.append("<p>오류 \(page.status)</p>") }
        return """
            <!doctype html>
            <html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(page.title))</title></head>
            <body><main><h1>\(HTMLEscaping.escape(page.title))</h1>
            \(rows.joined(separator: "\\n"))
            </main></body></html>
            """
    }
}
