import Foundation

/// One guest's booking of seats in one slot, from the hold to payment, refusal or refund.
///
/// `state` is the effective state at the time of the read: a READY booking whose hold lapsed
/// reads as `.expired` (no sweep writes it).
package struct Booking: Sendable, Hashable {
    /// The Toss `orderId`: random, unguessable, also the booking number.
    package var orderId: String
    /// The short code a person reads out (`BookingCode`), stored without its dash; "" only for
    /// a booking made up in a test.
    package var code: String
    package var slotId: String
    package var restaurant: String
    package var tableId: String
    /// When the guest is expected (the slot's start).
    package var startsAt: Date
    /// What the payment window shows.
    package var orderName: String
    package var customerKey: String
    package var guestName: String
    package var phone: String
    package var comment: String
    package var partySize: Int
    /// Deposit in KRW = partySize x the slot's deposit per person when held.
    package var amount: Int
    package var state: BookingState
    package var createdAt: Date
    /// When a READY hold lapses.
    package var expiresAt: Date
    package var updatedAt: Date
    package var paymentKey: String?
    package var paidAt: Date?
    /// Toss's payment method as Toss names it (e.g. "카드").
    package var method: String?
    package var receiptURL: String?
    package var failureCode: String?
    package var failureMessage: String?
    /// Why the confirm outcome is unknown (NEEDS_ATTENTION), for staff.
    package var attentionReason: String?
    /// KRW refunded on cancellation; while CANCELLING, the refund asked of Toss.
    package var refundAmount: Int?
    /// Why the booking is being (or was) cancelled, as sent to Toss.
    package var refundReason: String?
    package var cancelledAt: Date?

    package init(
        orderId: String, slotId: String, restaurant: String, tableId: String, startsAt: Date,
        orderName: String, customerKey: String, guestName: String, phone: String, comment: String,
        partySize: Int, amount: Int, state: BookingState, createdAt: Date, expiresAt: Date,
        updatedAt: Date, paymentKey: String? = nil, paidAt: Date? = nil, method: String? = nil,
        receiptURL: String? = nil, failureCode: String? = nil, failureMessage: String? = nil,
        attentionReason: String? = nil, refundAmount: Int? = nil, cancelledAt: Date? = nil,
        refundReason: String? = nil, code: String = ""
    ) {
        self.orderId = orderId
        self.code = code
        self.slotId = slotId
        self.restaurant = restaurant
        self.tableId = tableId
        self.startsAt = startsAt
        self.orderName = orderName
        self.customerKey = customerKey
        self.guestName = guestName
        self.phone = phone
        self.comment = comment
        self.partySize = partySize
        self.amount = amount
        self.state = state
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.updatedAt = updatedAt
        self.paymentKey = paymentKey
        self.paidAt = paidAt
        self.method = method
        self.receiptURL = receiptURL
        self.failureCode = failureCode
        self.failureMessage = failureMessage
        self.attentionReason = attentionReason
        self.refundAmount = refundAmount
        self.cancelledAt = cancelledAt
        self.refundReason = refundReason
    }
}

extension Booking {
    /// The failure code written when a late payment finds its seats taken; nothing is confirmed.
    package static let seatsGoneCode = "SEATS_GONE"
    package static let seatsGoneMessage = "좌석이 마감되어 결제하지 않았습니다"
    /// Written when the payment arrives after the slot began; nothing is confirmed.
    package static let slotStartedCode = "SLOT_STARTED"
    package static let slotStartedMessage = "예약 시간이 지나 결제하지 않았습니다. 예약금은 청구되지 않았습니다"
    /// The failure code and message of a hold the guest let go of (`releaseHold`).
    package static let releasedCode = "USER_CANCELED"
    package static let releasedMessage = "예약을 취소하셨습니다."
}
