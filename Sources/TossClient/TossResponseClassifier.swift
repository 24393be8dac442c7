import Foundation
import JSON

/// Turns an HTTP answer from Toss into a `TossResult`. Pure, so every rule is table-tested.
package enum TossResponseClassifier {
    /// Codes that say "try again later" whatever their HTTP status.
    static let transientCodes: Set<String> = [
        "PROVIDER_ERROR", "FAILED_INTERNAL_SYSTEM_PROCESSING", "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING",
        "UNKNOWN_PAYMENT_ERROR", "IDEMPOTENT_REQUEST_PROCESSING",
    ]

    private struct ErrorBody {
        var code: String
        var message: String?

        init?(_ body: Data) {
            do {
                let json = try JSONParser.parse([UInt8](body))
                code = try json.required("code", \.stringValue)
                message = try json.optional("message", \.stringValue)
            } catch {
                return nil
            }
        }
    }

    /// - Parameter lookup: the answer is to a payment lookup (`GET /v1/payments/...`). There a
    ///   404 `NOT_FOUND` with Toss's error body (seen from Toss for unknown payments besides the
    ///   documented `NOT_FOUND_PAYMENT`) means the same thing and is reported as `NOT_FOUND_PAYMENT`,
    ///   so callers that rely on "Toss has no such payment" see one code. A 404 whose body is not
    ///   Toss's (a wrong base URL, a proxy page) stays an unknown outcome.
    package static func classify(status: Int, body: Data, lookup: Bool = false) -> TossResult {
        if status == 200 {
            do {
                return .done(try Payment(json: try JSONParser.parse([UInt8](body))))
            } catch {
                return .unknownOutcome(reason: "HTTP 200 with a body that is not a Payment")
            }
        }
        let error = ErrorBody(body)
        if status >= 500 || status == 429 || status == 409 {
            return .unknownOutcome(reason: "HTTP \(status)" + (error.map { " \($0.code)" } ?? ""))
        }
        guard let error, (400..<500).contains(status) else {
            return .unknownOutcome(reason: "HTTP \(status) with an unreadable body")
        }
        if transientCodes.contains(error.code) {
            return .unknownOutcome(reason: "HTTP \(status) \(error.code)")
        }
        if lookup && status == 404 && error.code == "NOT_FOUND" {
            return .refused(code: "NOT_FOUND_PAYMENT", message: error.message ?? "", httpStatus: 404)
        }
        if error.code == "ALREADY_PROCESSED_PAYMENT" {
            return .alreadyProcessed(message: error.message ?? "")
        }
        // ALREADY_CANCELED_PAYMENT (what Toss answers for a second full cancel) and the older
        // ALREADY_REFUND_PAYMENT are definite answers too: the refund flow reads them as "already done".
        return .refused(code: error.code, message: error.message ?? "", httpStatus: status)
    }
}
