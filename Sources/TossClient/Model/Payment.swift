import CivilTime
import Foundation
import JSON

/// The Toss Payment object, with the fields a booking needs. Money is whole KRW.
package struct Payment: Sendable, Equatable {
    package enum Status: Sendable, Equatable {
        case ready, inProgress, waitingForDeposit, done, canceled, partialCanceled, aborted, expired
        /// A status this client does not know yet; treated as "not settled".
        case other(String)

        package init(rawValue: String) {
            switch rawValue {
            case "READY": self = .ready
            case "IN_PROGRESS": self = .inProgress
            case "WAITING_FOR_DEPOSIT": self = .waitingForDeposit
            case "DONE": self = .done
            case "CANCELED": self = .canceled
            case "PARTIAL_CANCELED": self = .partialCanceled
            case "ABORTED": self = .aborted
            case "EXPIRED": self = .expired
            default: self = .other(rawValue)
            }
        }

        package var rawValue: String {
            switch self {
            case .ready: return "READY"
            case .inProgress: return "IN_PROGRESS"
            case .waitingForDeposit: return "WAITING_FOR_DEPOSIT"
            case .done: return "DONE"
            case .canceled: return "CANCELED"
            case .partialCanceled: return "PARTIAL_CANCELED"
            case .aborted: return "ABORTED"
            case .expired: return "EXPIRED"
            case .other(let value): return value
            }
        }
    }

    package struct Receipt: Sendable, Equatable {
        package var url: String

        init(json: JSONNode) throws(JSONFieldError) {
            url = try json.required("url", \.stringValue)
        }
    }

    package struct Cancel: Sendable, Equatable {
        package var cancelAmount: Int
        package var cancelReason: String
        /// ISO 8601 with offset, e.g. `2026-01-01T10:00:00+09:00`.
        package var canceledAt: String
        package var transactionKey: String

        init(json: JSONNode) throws(JSONFieldError) {
            cancelAmount = try json.required("cancelAmount", \.intValue)
            cancelReason = try json.required("cancelReason", \.stringValue)
            canceledAt = try json.required("canceledAt", \.stringValue)
            transactionKey = try json.required("transactionKey", \.stringValue)
        }
    }

    package struct Failure: Sendable, Equatable {
        package var code: String
        package var message: String

        init(json: JSONNode) throws(JSONFieldError) {
            code = try json.required("code", \.stringValue)
            message = try json.required("message", \.stringValue)
        }
    }

    package var paymentKey: String
    package var orderId: String
    package var orderName: String
    package var status: Status
    /// A Korean label such as "카드"; nil before the buyer authenticated.
    package var method: String?
    package var totalAmount: Int
    package var balanceAmount: Int
    /// ISO 8601 with `+09:00`, as Toss sent it (kept as text so it is stored exactly).
    package var approvedAt: String?
    package var requestedAt: String?
    package var receipt: Receipt?
    package var cancels: [Cancel]
    package var failure: Failure?
    package var currency: String?
    package var type: String?
    package var mId: String?
    package var version: String?
    package var lastTransactionKey: String?

    /// `approvedAt` as a point in time (`2026-12-24T18:00:00+09:00`, read by `ISO8601Timestamp`).
    package var approvedDate: Date? {
        approvedAt.flatMap(ISO8601Timestamp.parse).map(Date.init(timeIntervalSince1970:))
    }

    /// Reads a Payment object as Toss sends it: unknown fields are ignored, optional fields may
    /// be absent or null, and a field of the wrong type makes the whole object unreadable.
    package init(json c: JSONNode) throws(JSONFieldError) {
        paymentKey = try c.required("paymentKey", \.stringValue)
        orderId = try c.required("orderId", \.stringValue)
        orderName = try c.optional("orderName", \.stringValue) ?? ""
        status = Status(rawValue: try c.required("status", \.stringValue))
        method = try c.optional("method", \.stringValue)
        totalAmount = try c.required("totalAmount", \.intValue)
        balanceAmount = try c.optional("balanceAmount", \.intValue) ?? totalAmount
        approvedAt = try c.optional("approvedAt", \.stringValue)
        requestedAt = try c.optional("requestedAt", \.stringValue)
        receipt = try c.optional("receipt") { try? Receipt(json: $0) }
        cancels = try c.optional("cancels") { $0.array { try? Cancel(json: $0) } } ?? []
        failure = try c.optional("failure") { try? Failure(json: $0) }
        currency = try c.optional("currency", \.stringValue)
        type = try c.optional("type", \.stringValue)
        mId = try c.optional("mId", \.stringValue)
        version = try c.optional("version", \.stringValue)
        lastTransactionKey = try c.optional("lastTransactionKey", \.stringValue)
    }
}
