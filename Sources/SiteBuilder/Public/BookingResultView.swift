/// What the payment result page shows, preformatted by the service.
public struct BookingResultView: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        /// Confirmed with Toss: "예약이 성공하였습니다" and "예약번호: …".
        case paid
        /// Not booked, not charged: "예약에 실패했습니다" and the reason.
        case failed
        /// The confirm outcome is not known yet (NEEDS_ATTENTION): the booking number and that
        /// the payment is being checked.
        case checking
    }

    public var outcome: Outcome
    /// The booking number (the Toss `orderId`).
    public var orderId: String
    public var restaurantName: String
    public var restaurantSlug: String
    /// "12월 20일 (토) 오후 6:00".
    public var slotDateTime: String
    public var tableName: String
    public var partySize: Int
    /// "20,000원".
    public var depositAmount: String
    public var receiptURL: String?
    public var refundPolicy: String
    /// In Korean, for `.failed`.
    public var failureReason: String?
    /// Where the guest manages or cancels the booking.
    public var manageURL: String?

    public init(
        outcome: Outcome, orderId: String, restaurantName: String, restaurantSlug: String,
        slotDateTime: String, tableName: String, partySize: Int, depositAmount: String,
        receiptURL: String? = nil, refundPolicy: String, failureReason: String? = nil, manageURL: String? = nil
    ) {
        self.outcome = outcome
        self.orderId = orderId
        self.restaurantName = restaurantName
        self.restaurantSlug = restaurantSlug
        self.slotDateTime = slotDateTime
        self.tableName = tableName
        self.partySize = partySize
        self.depositAmount = depositAmount
        self.receiptURL = receiptURL
        self.refundPolicy = refundPolicy
        self.failureReason = failureReason
        self.manageURL = manageURL
    }
}
