import Foundation
import YeyakContent
import JSON

/// An error answer the booking page can show as it is: `{error: {code, message, field?}}`
/// with a Korean `message` and, for validation, the field to put it next to.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String
    public var field: String?
    /// Extra facts for the page, e.g. `seatsLeft` on a sold-out answer.
    public var details: [String: Int] = [:]

    public init(status: Int, code: String, message: String, field: String? = nil, details: [String: Int] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.details = details
    }

    public static func invalid(_ field: String, _ message: String, status: Int = 422) -> APIError {
        APIError(status: status, code: "INVALID_FIELD", message: message, field: field)
    }

    public static let notFound = APIError(status: 404, code: "NOT_FOUND", message: "찾을 수 없습니다.")
    public static let internalError = APIError(status: 500, code: "INTERNAL", message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.")

    /// The JSON body.
    public var json: String {
        var error: JSONValue = ["code": .string(code), "message": .string(message)]
        if let field { error.set("field", .string(field)) }
        for (key, value) in details.sorted(by: { $0.key < $1.key }) { error.set(key, .int(value)) }
        return JSONValue.object([("error", error)]).text
    }
}
