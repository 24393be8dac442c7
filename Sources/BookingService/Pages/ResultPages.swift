import BookingStore
import Foundation
import YeyakContent

/// What the service shows a browser: the page after a Toss redirect, and its error pages.
/// Rendered from `site-templates/` in production (the `ServicePages` module, above both this
/// module and the site builder), and by a plain page in tests.
package protocol ResultPages: Sendable {
    func render(_ page: ResultPage) -> String
}

/// One page's facts, preformatted for Korean guests. Its outcome, HTTP status and title are
/// decided once, where the page is made (`ResultPage.payment`, `.error`), and every renderer
/// shows exactly those: the status sent is the status printed.
package struct ResultPage: Sendable, Equatable {
    package enum Outcome: String, Sendable { case paid, failed, checking, cancelled, error }
    package var outcome: Outcome
    /// The HTTP status the page is sent with.
    package var status: Int
    package var title: String
    /// A plain Korean sentence: the failure reason, what is being checked, what went wrong.
    package var message: String?
    /// The booking the page is about; nil for error pages and for failures with no booking of ours.
    package var booking: BookingFacts?

    package init(outcome: Outcome, status: Int = 200, title: String, message: String? = nil, booking: BookingFacts? = nil) {
        self.outcome = outcome
        self.status = status
        self.title = title
        self.message = message
        self.booking = booking
    }

    /// True for the outcomes that keep a booking the guest may come back to manage.
    package var offersManageLink: Bool { booking != nil && (outcome == .paid || outcome == .checking) }
}

/// A booking as its result page shows it.
package struct BookingFacts: Sendable, Equatable {
    /// The Toss `orderId` (long, unguessable; the manage link's key).
    package var orderId: String
    /// The booking code as people read it, `K7QX-2M9P` ("" for a booking without one).
    package var code: String
    package var restaurantName: String
    package var restaurantSlug: String
    /// "12월 24일 (목) 오후 6:00".
    package var when: String
    package var tableName: String?
    package var partySize: Int
    /// "20,000원".
    package var amount: String
    package var receiptURL: String?
    package var refundPolicy: String?
    /// The restaurant's address from the content ("" when unknown), for the map link.
    package var address: String
    /// "캘린더에 추가": the booking as an .ics file; nil without a booking behind the facts.
    package var calendar: BookingCalendar.Event?
    /// The slot booked, so "다시 예약하기" after a decline returns to the same time.
    package var slotId: String?

    package init(orderId: String, restaurantName: String, restaurantSlug: String, when: String, tableName: String? = nil,
                partySize: Int, amount: String, receiptURL: String? = nil, refundPolicy: String? = nil, code: String = "",
                address: String = "", calendar: BookingCalendar.Event? = nil) {
        self.orderId = orderId
        self.code = code
        self.address = address
        self.calendar = calendar
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

extension BookingFacts {
    /// A booking as guests and staff read it: the restaurant's and table's names from the
    /// content, the time in the site's zone, amounts in won. Shared by the result pages and the
    /// notification texts, so both say the same thing.
    package init(_ booking: Booking, content: SiteContent) {
        let restaurant = content.restaurant(booking.restaurant)
        let name = restaurant?.name ?? booking.orderName
        let when = KoreanFormat.dateTime(booking.startsAt, in: content.site.timeZone)
        let code = BookingCode.formatted(booking.code)
        let table = restaurant?.table(booking.tableId)?.name
        let details = ["예약번호 \(code)", "\(when) 도착", "\(booking.partySize)명" + (table.map { " · \($0)" } ?? ""),
                       restaurant.map { "식당 전화 \($0.phone)" }].compactMap { $0 }
        let event = BookingCalendar.Event(
            uid: booking.orderId + "@yeyak", startsAt: booking.startsAt, stampedAt: booking.paidAt ?? booking.createdAt,
            summary: "\(name) 예약 \(booking.partySize)명", location: restaurant?.address ?? "",
            description: details.joined(separator: "\n"))
        self.init(
            orderId: booking.orderId, restaurantName: name, restaurantSlug: booking.restaurant, when: when,
            tableName: table, partySize: booking.partySize,
            amount: KoreanFormat.won(booking.amount), receiptURL: booking.receiptURL,
            refundPolicy: restaurant?.refundPolicy.koreanDescription, code: code, address: restaurant?.address ?? "",
            calendar: event)
        slotId = booking.slotId
    }
}
