import BookingStore
import Foundation
import YeyakContent

/// The one place a page's title, status and sentence are chosen.
extension ResultPage {
    /// The page for a payment outcome (the success redirect, or a reload of it).
    static func payment(_ outcome: PaymentOutcome, content: SiteContent) -> ResultPage {
        switch outcome {
        case .paid(let booking):
            return ResultPage(outcome: .paid, title: "예약이 성공하였습니다", booking: facts(booking, content))
        case .checking(let booking):
            return ResultPage(outcome: .checking, title: "결제를 확인하고 있습니다",
                              message: "결제 결과를 Toss에서 확인하고 있습니다. 확인되면 예약이 확정되며, 결제되지 않았다면 청구되지 않습니다.",
                              booking: facts(booking, content))
        case .recording(let booking):
            // Toss has charged the guest; only our write of it is late (the reconciler makes it PAID).
            return ResultPage(outcome: .checking, title: "결제가 확인되었습니다",
                              message: "결제가 확인되었습니다. 예약을 확정하는 중입니다. 잠시 후 예약 확인 링크에서 확정된 예약을 볼 수 있으며, 예약금은 한 번만 결제됩니다.",
                              booking: facts(booking, content))
        case .failed(let booking):
            return failed(booking, reason: booking.failureMessage ?? FailureMessages.korean(for: booking.failureCode ?? ""),
                          content: content)
        case .cancelled(let booking) where booking.state == .cancelling:
            let refund = booking.refundAmount.map { "예약금 \(KoreanFormat.won($0)) 환불을 처리하고 있습니다." }
            return ResultPage(outcome: .cancelled, title: "예약 취소를 처리하고 있습니다",
                              message: ["토스페이먼츠에서 환불이 확인되면 취소가 완료됩니다.", refund].compactMap { $0 }.joined(separator: " "),
                              booking: facts(booking, content))
        case .cancelled(let booking):
            let refund = booking.refundAmount.map { $0 > 0 ? "예약금 \(KoreanFormat.won($0))을 환불했습니다." : "환불 규정에 따라 환불된 예약금은 없습니다." }
            return ResultPage(outcome: .cancelled, title: "취소된 예약입니다",
                              message: ["이 예약은 취소되었습니다.", refund].compactMap { $0 }.joined(separator: " "),
                              booking: facts(booking, content))
        case .notFound:
            return error(404, "예약을 찾을 수 없습니다", "이 결제에 해당하는 예약이 없어 결제를 진행하지 않았습니다. 예약금은 청구되지 않았습니다.")
        case .amountMismatch:
            // The tutorial's PermissionDenied: a tampered amount never reaches Toss.
            // Most often not tampering but a stale tab: the same hold was changed in another one.
            return error(403, "결제 금액이 예약과 다릅니다",
                         "결제 금액이 지금의 예약 내용과 달라 결제하지 않았습니다. 예약금은 청구되지 않았습니다. 다른 창에서 인원이나 시간을 바꾸셨다면 예약 페이지에서 다시 결제해 주세요.")
        case .notStarted:
            // The page is the success redirect itself, so a reload is the retry.
            return error(503, "결제를 아직 진행하지 못했습니다",
                         "예약 시스템이 잠시 바빠 결제를 진행하지 않았습니다. 예약금은 청구되지 않았고 좌석은 그대로 잡혀 있습니다. 잠시 후 이 페이지를 새로고침하면 결제를 이어서 진행합니다.")
        case .foreignPayment:
            return error(400, "결제 정보가 예약과 맞지 않습니다", "이 결제는 해당 예약의 결제가 아니어서 처리하지 않았습니다. 예약은 바뀌지 않았습니다.")
        }
    }

    /// "Not booked, not charged", with the booking when there is one of ours.
    /// The reason says once that nothing was charged: most reasons already end so, and the
    /// others (a card refusal in Toss's words) get the sentence added.
    static func failed(_ booking: Booking?, reason: String, content: SiteContent) -> ResultPage {
        ResultPage(outcome: .failed, title: "예약에 실패했습니다", message: notCharged(reason), booking: booking.map { facts($0, content) })
    }

    static let notChargedSentence = "예약금은 청구되지 않았습니다."

    static func notCharged(_ reason: String) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("청구되지 않았습니다") || trimmed.contains("결제되지 않았습니다") { return trimmed }
        guard !trimmed.isEmpty else { return notChargedSentence }
        return (trimmed.hasSuffix(".") ? trimmed : trimmed + ".") + " " + notChargedSentence
    }

    static func error(_ status: Int, _ title: String, _ message: String) -> ResultPage {
        ResultPage(outcome: .error, status: status, title: title, message: message)
    }

    static let badPaymentRequest = error(400, "잘못된 결제 요청입니다", "결제 정보가 올바르지 않습니다. 예약 페이지에서 다시 시도해 주세요.")
    static let pageNotFound = error(404, "페이지를 찾을 수 없습니다", "주소가 바뀌었거나 없는 페이지입니다. 주소를 다시 확인해 주세요.")
    /// A page whose request met a database locked by another connection (see `APIError.busy`).
    static let busy = error(503, "잠시 후 다시 시도해 주세요",
                            "예약 시스템이 잠시 바빠 요청을 끝내지 못했습니다. 잠시 후 이 페이지를 새로고침해 주세요. 결제가 이미 되었다면 예약은 그대로 확정되며, 예약금은 한 번만 결제됩니다.")
    static let internalError = error(500, "일시적인 오류가 발생했습니다", "잠시 후 다시 시도해 주세요. 문제가 계속되면 식당으로 연락해 주세요.")

    private static func facts(_ booking: Booking, _ content: SiteContent) -> BookingFacts { BookingFacts(booking, content: content) }
}
