import Foundation
import HTTPServer
import YeyakContent
import JSON

/// An error answer the booking page can show as it is: `{error: {code, message, field?}}`
/// with a Korean `message` and, for validation, the field to put it next to.
package struct APIError: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    package var message: String
    package var field: String?
    /// Extra facts for the page, e.g. `seatsLeft` on a sold-out answer.
    package var details: [String: Int] = [:]
    /// Seconds for the `Retry-After` header (429 answers).
    package var retryAfter: Int?

    package init(status: Int, code: String, message: String, field: String? = nil, details: [String: Int] = [:],
                 retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.details = details
        self.retryAfter = retryAfter
    }

    package static func invalid(_ field: String, _ message: String, status: Int = 422) -> APIError {
        APIError(status: status, code: "INVALID_FIELD", message: message, field: field)
    }

    package static let notFound = APIError(status: 404, code: "NOT_FOUND", message: "찾을 수 없습니다.")
    package static let internalError = APIError(status: 500, code: "INTERNAL", message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.")
    /// The database stayed locked by another connection (a backup, an operator's sqlite3 shell)
    /// past the busy timeout. Every write is one transaction and Toss is only called after the
    /// write before it is durable (the writes after a Toss call are retried, and answered as
    /// outcomes), so nothing changed: the guest may simply try again.
    package static let busy = APIError(status: 503, code: "BUSY",
                                       message: "예약 시스템이 잠시 바빠 요청을 처리하지 못했습니다. 아무것도 바뀌지 않았으니 잠시 후 다시 시도해 주세요.",
                                       retryAfter: 2)
    static let foreignOrigin = APIError(status: 403, code: "FOREIGN_ORIGIN", message: "허용되지 않은 출처의 요청입니다.")
    static let methodNotAllowed = APIError(status: 405, code: "METHOD_NOT_ALLOWED", message: "허용되지 않은 요청 방식입니다.")
    static let malformedJSON = APIError(status: 400, code: "MALFORMED_JSON", message: "요청 형식이 올바르지 않습니다.")

    /// The answer for a refusal of the bookings facade: its status, and the field to show the
    /// message next to.
    init(_ error: BookingError) {
        switch error {
        case .notFound, .unknownRestaurant:
            self = .notFound
        case .unknownSlot:
            self = .invalid("slotId", error.message)
        case .slotClosed:
            self.init(status: 409, code: error.code, message: error.message, field: "slotId", details: ["seatsLeft": 0])
        case .soldOut(let seatsLeft):
            self.init(status: 409, code: error.code, message: error.message, field: "partySize", details: ["seatsLeft": seatsLeft])
        case .partyTooLarge, .invalidPartySize:
            self = .invalid("partySize", error.message)
        case .holdLimit(_, let retryAfter):
            self.init(status: 429, code: error.code, message: error.message, details: ["retryAfter": retryAfter],
                      retryAfter: retryAfter)
        case .refundRefused, .tooLateToCancel, .notCancellable:
            self.init(status: 409, code: error.code, message: error.message)
        case .invalidRefund:
            self.init(status: 422, code: error.code, message: error.message, field: "refund")
        case .malformedWebhook:
            self.init(status: 400, code: error.code, message: error.message)
        case .noBookingForCode:
            self.init(status: 404, code: error.code, message: error.message)
        case .tooManyLookups(let retryAfter):
            self.init(status: 429, code: error.code, message: error.message, details: ["retryAfter": retryAfter],
                      retryAfter: retryAfter)
        }
    }

    /// The error as an answer nobody may cache.
    var response: HTTPResponse {
        var response = HTTPResponse.json(status, json)
        response.headers.set("Cache-Control", "no-store")
        if let retryAfter { response.headers.set("Retry-After", String(retryAfter)) }
        return response
    }

    /// The JSON body.
    package var json: String {
        var error: JSONValue = ["code": .string(code), "message": .string(message)]
        if let field { error.set("field", .string(field)) }
        for (key, value) in details.sorted(by: { $0.key < $1.key }) { error.set(key, .int(value)) }
        return JSONValue.object([("error", error)]).text
    }
}
