import BookingService
import BookingStore
import Foundation
import JSON
import YeyakContent

/// One booking as staff read it: the names and times from the content, formatted once for the
/// list, the CSV, the host-stand sheet and `show`.
struct BookingRow {
    let booking: Booking
    let restaurantName: String
    /// The table's name in the content (`4인석 홀`), or its id when the content no longer has it.
    let tableName: String
    /// The slot's start on the restaurant's wall clock (Asia/Seoul).
    let start: LocalDateTime
    let when: String
    let phone: String
    let zone: TimeZone

    init(_ booking: Booking, content: SiteContent) {
        self.booking = booking
        let restaurant = content.restaurant(booking.restaurant)
        restaurantName = restaurant?.name ?? booking.restaurant
        tableName = restaurant?.table(booking.tableId)?.name ?? booking.tableId
        zone = content.site.timeZone
        start = LocalDateTime(booking.startsAt, in: zone)
        when = KoreanFormat.dateTime(start)
        phone = PhoneNumber(booking.phone)?.description ?? booking.phone
    }

    static let seoul = TimeZone(identifier: "Asia/Seoul")!

    /// `2026-12-04 17:03`: an instant on the same wall clock as the slot.
    func local(_ instant: Date) -> String {
        let value = LocalDateTime(instant, in: zone)
        return "\(value.date) \(value.time)"
    }

    /// The code first: it is what a guest reads out at the counter or over the phone.
    static let headers = ["code", "orderId", "state", "restaurant", "when", "party", "amount", "name", "phone", "paidAt", "refund"]

    var code: String { BookingCode.formatted(booking.code) }

    var fields: [String] {
        [code, booking.orderId, booking.state.rawValue, restaurantName, when, "\(booking.partySize)", KoreanFormat.won(booking.amount),
         booking.guestName, phone, booking.paidAt.map { JSONTimestamp.format($0, zone: Self.seoul) } ?? "",
         booking.refundAmount.map(KoreanFormat.won) ?? ""]
    }

    var json: JSONValue {
        var object: JSONValue = [
            "orderId": .string(booking.orderId), "code": .string(code), "state": .string(booking.state.rawValue), "restaurant": .string(booking.restaurant),
            "slotId": .string(booking.slotId), "table": .string(booking.tableId),
            "startsAt": .string(JSONTimestamp.format(booking.startsAt, zone: Self.seoul)),
            "partySize": .int(booking.partySize), "amount": .int(booking.amount), "name": .string(booking.guestName),
            "phone": .string(booking.phone), "comment": .string(booking.comment),
        ]
        if let paidAt = booking.paidAt { object.set("paidAt", .string(JSONTimestamp.format(paidAt, zone: Self.seoul))) }
        if let refund = booking.refundAmount { object.set("refundAmount", .int(refund)) }
        if let reason = booking.attentionReason { object.set("attentionReason", .string(reason)) }
        if let code = booking.failureCode { object.set("failureCode", .string(code)) }
        return object
    }

    var details: [(String, String)] {
        var lines = zip(Self.headers, fields).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
        lines.append(("table", tableName))
        lines.append(("slot", booking.slotId))
        if !booking.comment.isEmpty { lines.append(("comment", booking.comment)) }
        if let key = booking.paymentKey { lines.append(("paymentKey", key)) }
        if let receipt = booking.receiptURL { lines.append(("receipt", receipt)) }
        if let code = booking.failureCode { lines.append(("failure", "\(code) \(booking.failureMessage ?? "")")) }
        if let reason = booking.attentionReason { lines.append(("attention", reason)) }
        return lines
    }

    /// `yeyak bookings list`'s table: the first nine columns and a count.
    static func table(_ rows: [BookingRow]) -> String {
        let lines = TerminalTable.render(header: Array(headers.prefix(9)), rows: rows.map { Array($0.fields.prefix(9)) })
        return (lines + ["\(rows.count) booking\(rows.count == 1 ? "" : "s")"]).joined(separator: "\n")
    }
}
