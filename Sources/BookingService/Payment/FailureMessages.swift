/// Korean messages for the failure codes Toss sends to the fail redirect or returns from
/// confirm, so a guest reads what happened instead of a code.
package enum FailureMessages {
    /// The Korean message for a known code; for an unknown one the generic "not charged"
    /// message. `tossMessage` is never shown: on the fail redirect it is whatever the query says
    /// (anyone can send a guest a link with a made-up message), so only known codes speak.
    package static func reason(for code: String, tossMessage: String?) -> String {
        known(code) ?? generic
    }

    package static func korean(for code: String) -> String { known(code) ?? generic }

    static let generic = "결제를 완료하지 못했습니다. 예약금은 청구되지 않았습니다."

    static func known(_ code: String) -> String? {
        switch code {
        case "PAY_PROCESS_CANCELED": return "결제를 취소하셨습니다. 예약금은 청구되지 않았습니다."
        case "PAY_PROCESS_ABORTED": return "결제가 중단되었습니다. 예약금은 청구되지 않았습니다."
        case "REJECT_CARD_COMPANY", "REJECT_CARD_PAYMENT": return "카드사에서 결제를 거절했습니다. 다른 카드로 다시 시도해 주세요."
        case "INVALID_CARD_EXPIRATION": return "카드 유효기간이 올바르지 않습니다."
        case "INVALID_STOPPED_CARD": return "정지된 카드입니다. 다른 카드로 다시 시도해 주세요."
        case "EXCEED_MAX_AMOUNT", "EXCEED_MAX_DAILY_PAYMENT_COUNT": return "결제 한도를 초과했습니다."
        case "BELOW_MINIMUM_AMOUNT": return "결제 최소 금액보다 적습니다."
        case "NOT_FOUND_PAYMENT_SESSION": return "결제 시간이 초과되었습니다. 처음부터 다시 예약해 주세요."
        case "FDS_ERROR": return "안전한 결제를 위해 결제가 제한되었습니다. 카드사에 문의해 주세요."
        case "CARD_PROCESSING_ERROR": return "카드사에서 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."
        case "VIRTUAL_ACCOUNT_NOT_SUPPORTED": return "가상계좌 결제는 지원하지 않습니다. 카드나 간편결제로 다시 예약해 주세요. 예약금은 청구되지 않았습니다."
        case "SEATS_GONE": return "좌석이 마감되어 결제하지 않았습니다."
        case "SLOT_STARTED": return "예약 시간이 지나 결제하지 않았습니다. 예약금은 청구되지 않았습니다."
        case "HOLD_EXPIRED": return "예약 유효 시간이 지나 좌석이 해제되었습니다. 예약금은 청구되지 않았습니다."
        default: return nil
        }
    }
}
