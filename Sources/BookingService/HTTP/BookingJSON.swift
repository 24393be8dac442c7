import BookingStore
import Foundation
import JSON
import YeyakContent

/// The JSON shapes of a booking in the API's answers, with amounts and times also preformatted
/// for Korean guests.
struct BookingJSON {
    let content: SiteContent

    /// A hold: what the page needs to open the Toss payment window.
    func reservation(_ booking: Booking) -> JSONValue {
        let zone = content.site.timeZone
        return [
            "orderId": .string(booking.orderId),
            "code": .string(booking.code),
            "codeText": .string(BookingCode.formatted(booking.code)),
            "amount": .int(booking.amount),
            "amountText": .string(KoreanFormat.won(booking.amount)),
            "orderName": .string(booking.orderName),
            "customerKey": .string(booking.customerKey),
            "partySize": .int(booking.partySize),
            "expiresAt": .string(JSONTimestamp.format(booking.expiresAt, zone: zone)),
            "slot": [
                "id": .string(booking.slotId),
                "restaurant": .string(booking.restaurant),
                "startsAt": .string(JSONTimestamp.format(booking.startsAt, zone: zone)),
                "startsAtText": .string(KoreanFormat.dateTime(booking.startsAt, in: zone)),
            ],
        ]
    }

    /// A booking for its guest's manage page: the hold's fields plus state, payment and refund.
    func booking(_ booking: Booking, refundIfCancelledNow: Int?) -> JSONValue {
        var body = reservation(booking)
        body.set("state", .string(booking.state.rawValue))
        body.set("stateText", .string(booking.state.koreanName))
        if let paidAt = booking.paidAt { body.set("paidAt", .string(JSONTimestamp.format(paidAt, zone: content.site.timeZone))) }
        if let receipt = booking.receiptURL { body.set("receiptUrl", .string(receipt)) }
        if let refund = booking.refundAmount {
            body.set("refundAmount", .int(refund))
            body.set("refundAmountText", .string(KoreanFormat.won(refund)))
        }
        if let restaurant = content.restaurant(booking.restaurant) {
            body.set("restaurantName", .string(restaurant.name))
            body.set("refundPolicy", .string(restaurant.refundPolicy.koreanDescription))
            if let refund = refundIfCancelledNow {
                body.set("refundIfCancelledNow", .int(refund))
                body.set("refundIfCancelledNowText", .string(KoreanFormat.won(refund)))
            }
        }
        if let code = booking.failureCode { body.set("failureCode", .string(code)) }
        if let message = booking.failureMessage { body.set("failureMessage", .string(message)) }
        return body
    }

    /// A booking found by code and phone: as `booking`, without the guest key of the browser
    /// that made it (that key opens every booking made in that browser, not just this one).
    func lookedUp(_ booking: Booking, refundIfCancelledNow: Int?) -> JSONValue {
        guard case .object(let pairs) = self.booking(booking, refundIfCancelledNow: refundIfCancelledNow) else { return .null }
        // Not the booking browser's key, and not the receipt link: it carries the paymentKey and,
        // at Toss, masked card details, more than a code and a phone should show (outside review).
        return .object(pairs.filter { $0.0 != "customerKey" && $0.0 != "receiptUrl" })
    }
}
