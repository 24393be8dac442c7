import BookingStore
import Foundation
import JSON
import YeyakContent

/// The ready-to-send Korean texts of one event, for the guest and for the restaurant (a relay
/// forwards them as SMS or 알림톡 unchanged). Rendered from `site-templates/messages/` by the
/// `ServicePages` module, above this one, like the result pages.
package protocol NotificationMessages: Sendable {
    func render(_ facts: NotificationFacts) throws -> NotificationTexts
}

package struct NotificationTexts: Sendable, Equatable {
    package var guest: String
    package var restaurant: String

    package init(guest: String, restaurant: String) {
        self.guest = guest
        self.restaurant = restaurant
    }
}

/// One event's facts, preformatted for Korean readers. The guest's own text (name, comment) is
/// as they typed it: plain text, escaped by whoever writes it somewhere (the JSON writer here).
package struct NotificationFacts: Sendable, Equatable {
    package var kind: NotificationKind
    package var eventId: String
    /// The booking as the result page shows it (one formatting for both).
    package var booking: BookingFacts
    package var guestName: String
    package var phone: String
    package var comment: String
    /// "10,000원" for a refund (cancelled), nil otherwise.
    package var refund: String?

    package var orderId: String { booking.orderId }
    package var restaurantName: String { booking.restaurantName }
    package var restaurantSlug: String { booking.restaurantSlug }
    /// "12월 4일 (금) 오후 5:00".
    package var when: String { booking.when }
    package var tableName: String? { booking.tableName }
    package var partySize: Int { booking.partySize }
    /// "20,000원".
    package var amount: String { booking.amount }

    package init(kind: NotificationKind, eventId: String, orderId: String, restaurantName: String, restaurantSlug: String,
                when: String, tableName: String?, partySize: Int, guestName: String, phone: String, comment: String,
                amount: String, refund: String?, code: String = "") {
        self.kind = kind
        self.eventId = eventId
        booking = BookingFacts(orderId: orderId, restaurantName: restaurantName, restaurantSlug: restaurantSlug, when: when,
                               tableName: tableName, partySize: partySize, amount: amount, code: code)
        self.guestName = Self.oneLine(guestName)
        self.phone = phone
        self.comment = Self.oneLine(comment)
        self.refund = refund
    }

    package init(_ event: NotificationEvent, _ booking: Booking, content: SiteContent) {
        kind = event.kind
        eventId = event.eventId
        self.booking = BookingFacts(booking, content: content)
        // The texts go out as SMS/알림톡 as they are: the guest's words stay on one line, so a
        // comment cannot add a forged "[예약 취소] ..." line of its own (found by an outside review).
        guestName = Self.oneLine(booking.guestName)
        phone = booking.phone
        comment = Self.oneLine(booking.comment)
        refund = event.kind == .cancelled ? KoreanFormat.won(event.refundAmount ?? 0) : nil
    }
}

extension NotificationFacts {
    /// Line breaks and other control characters become one space; format characters (bidi
    /// overrides, zero-width) are dropped; runs of spaces shrink to one.
    static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .format { continue }
            let isSpace = category == .control || category == .lineSeparator || category == .paragraphSeparator
                || scalar.properties.isWhitespace
            if isSpace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(scalar)
                lastWasSpace = false
            }
        }
        return String(result).trimmingCharacters(in: .whitespaces)
    }
}

/// The webhook's JSON body: the event, the booking as of the event, and the texts.
package enum NotificationPayload {
    package static func json(_ event: NotificationEvent, _ booking: Booking, texts: NotificationTexts,
                             content: SiteContent) -> JSONValue {
        let zone = content.site.timeZone
        let restaurant = content.restaurant(booking.restaurant)
        return .object([
            ("id", .string(event.eventId)),
            ("type", .string(event.kind.rawValue)),
            ("createdAt", .string(JSONTimestamp.format(event.createdAt, zone: zone))),
            ("booking", .object([
                ("orderId", .string(booking.orderId)),
                ("code", .string(BookingCode.formatted(booking.code))),
                ("restaurant", .string(booking.restaurant)),
                ("restaurantName", .string(restaurant?.name ?? booking.orderName)),
                ("slotId", .string(booking.slotId)),
                ("startsAt", .string(JSONTimestamp.format(booking.startsAt, zone: zone))),
                ("table", .string(booking.tableId)),
                ("tableName", .orNull(restaurant?.table(booking.tableId)?.name)),
                ("partySize", .int(booking.partySize)),
                ("name", .string(booking.guestName)),
                ("phone", .string(booking.phone)),
                ("comment", .string(booking.comment)),
                ("amount", .int(booking.amount)),
                ("refundAmount", .orNull(event.refundAmount)),
                ("state", .string(event.state.rawValue)),
            ])),
            ("messages", .object([("guest", .string(texts.guest)), ("restaurant", .string(texts.restaurant))])),
        ])
    }
}
