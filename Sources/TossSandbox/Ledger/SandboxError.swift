import JSON

/// A Toss error answer: HTTP status + `{code, message}`, with the statuses toss-api.md lists.
package struct SandboxError: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    package var message: String

    package init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The documented error for `code` (used by `TossPayments-Test-Code` and the fault modes).
    package init(code: String, message: String? = nil) {
        let known = Self.catalog[code]
        self.init(status: known?.status ?? 400, code: code,
                  message: message ?? known?.message ?? "테스트 코드로 발생시킨 에러입니다.")
    }

    /// Codes from toss-api.md with their HTTP status and Toss's Korean message.
    static let catalog: [String: (status: Int, message: String)] = [
        "ALREADY_PROCESSED_PAYMENT": (400, "이미 처리된 결제 입니다."),
        "PROVIDER_ERROR": (400, "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요."),
        "INVALID_REQUEST": (400, "잘못된 요청입니다."),
        "INVALID_API_KEY": (400, "잘못된 시크릿키 연동 정보 입니다."),
        "BELOW_MINIMUM_AMOUNT": (400, "신용카드는 결제금액이 100원 이상, 계좌는 200원이상부터 결제가 가능합니다."),
        "INVALID_CARD_EXPIRATION": (400, "카드 정보를 다시 확인해주세요. (유효기간)"),
        "INVALID_STOPPED_CARD": (400, "정지된 카드 입니다."),
        "EXCEED_MAX_AMOUNT": (400, "거래금액 한도를 초과했습니다."),
        "UNAPPROVED_ORDER_ID": (400, "아직 승인되지 않은 주문번호입니다."),
        "CARD_PROCESSING_ERROR": (400, "카드사에서 오류가 발생했습니다."),
        "DUPLICATED_ORDER_ID": (400, "이미 승인 및 취소가 진행된 중복된 주문번호 입니다."),
        "ALREADY_REFUND_PAYMENT": (400, "이미 환불된 결제입니다."),
        "ALREADY_CANCELED_PAYMENT": (400, "이미 취소된 결제 입니다."),
        "UNAUTHORIZED_KEY": (401, "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."),
        "REJECT_CARD_PAYMENT": (403, "한도초과 혹은 잔액부족으로 결제에 실패했습니다."),
        "REJECT_CARD_COMPANY": (403, "결제 승인이 거절되었습니다."),
        "FORBIDDEN_REQUEST": (403, "허용되지 않은 요청입니다."),
        "INCORRECT_BASIC_AUTH_FORMAT": (403, "잘못된 요청입니다. ':' 를 포함해 인코딩해주세요."),
        "FDS_ERROR": (403, "[토스페이먼츠] 위험거래가 감지되어 결제가 제한됩니다."),
        "NOT_CANCELABLE_PAYMENT": (403, "취소 할 수 없는 결제 입니다."),
        "NOT_CANCELABLE_AMOUNT": (403, "취소 할 수 없는 금액 입니다."),
        "NOT_FOUND_PAYMENT": (404, "존재하지 않는 결제 정보 입니다."),
        "NOT_FOUND_PAYMENT_SESSION": (404, "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다."),
        "NOT_FOUND": (404, "존재하지 않는 API입니다."),
        "FAILED_INTERNAL_SYSTEM_PROCESSING": (500, "내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요."),
        "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING": (500, "결제가 완료되지 않았어요. 다시 시도해주세요."),
        "UNKNOWN_PAYMENT_ERROR": (500, "결제에 실패했어요. 같은 문제가 반복된다면 은행이나 카드사로 문의해주세요."),
        // Payment-window outcomes, sent to failUrl rather than answered by the API.
        "PAY_PROCESS_CANCELED": (400, "사용자에 의해 결제가 취소되었습니다."),
        "PAY_PROCESS_ABORTED": (400, "결제 진행 중 승인에 실패하여 결제가 중단되었습니다."),
        "EXPIRED_PAYMENT": (400, "결제 유효 시간이 지나 만료된 결제입니다."),
    ]

    static func invalidRequest(_ message: String) -> SandboxError {
        SandboxError(status: 400, code: "INVALID_REQUEST", message: message)
    }

    var jsonObject: JSONValue { ["code": .string(code), "message": .string(message)] }
}
