import Foundation
import YeyakContent

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
        var error: [String: Any] = ["code": code, "message": message]
        if let field { error["field"] = field }
        for (key, value) in details { error[key] = value }
        return JSON.string(["error": error])
    }
}

/// JSON text from plain dictionaries and lists (unsorted keys: sorting cost a fifth of a hold).
public enum JSON {
    public static func string(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// ISO 8601 with the restaurant's offset, e.g. `2026-12-24T18:00:00+09:00`. Formatted by hand:
    /// a new ISO8601DateFormatter per call was a third of the CPU of a hold on Linux.
    public static func timestamp(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = LocalDateTime(date, in: zone)
        let seconds = (Int(date.timeIntervalSince1970.rounded(.down)) % 60 + 60) % 60
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(local.date)T\(local.time):\(pad(seconds))\(sign)\(pad(hours)):\(pad(minutes))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
