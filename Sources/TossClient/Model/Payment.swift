import CivilTime
import Foundation
import JSON

/// The Toss Payment object, with the fields a booking needs. Money is whole KRW.
public struct Payment: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case ready, inProgress, waitingForDeposit, done, canceled, partialCanceled, aborted, expired
        /// A status this client does not know yet; treated as "not settled".
        case other(String)

        public init(rawValue: String) {
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

        public var rawValue: String {
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

    public struct Receipt: Sendable, Equatable {
        public var url: String

        init(json: JSONNode) throws(JSONFieldError) {
            url = try json.required("url", \.stringValue)
        }
    }

    public struct Cancel: Sendable, Equatable {
        public var cancelAmount: Int
        public var cancelReason: String
        /// ISO 8601 with offset, e.g. `2026-01-01T10:00:00+09:00`.
        public var canceledAt: String
        public var transactionKey: String

        init(json: JSONNode) throws(JSONFieldError) {
            cancelAmount = try json.required("cancelAmount", \.intValue)
            cancelReason = try json.required("cancelReason", \.stringValue)
            canceledAt = try json.required("canceledAt", \.stringValue)
            transactionKey = try json.required("transactionKey", \.stringValue)
        }
    }

    public struct Failure: Sendable, Equatable {
        public var code: String
        public var message: String

        init(json: JSONNode) throws(JSONFieldError) {
            code = try json.required("code", \.stringValue)
            message = try json.required("message", \.stringValue)
        }
    }

    public var paymentKey: String
    public var orderId: String
    public var orderName: String
    public var status: Status
    /// A Korean label such as "카드"; nil before the buyer authenticated.
    public var method: String?
    public var totalAmount: Int
    public var balanceAmount: Int
    /// ISO 8601 with `+09:00`, as Toss sent it (kept as text so it is stored exactly).
    public var approvedAt: String?
    public var requestedAt: String?
    public var receipt: Receipt?
    public var cancels: [Cancel]
    public var failure: Failure?
    public var currency: String?
    public var type: String?
    public var mId: String?
    public var version: String?
    public var lastTransactionKey: String?

    /// `approvedAt` as a point in time (`2026-12-24T18:00:00+09:00`, read by `ISO8601Timestamp`).
    public var approvedDate: Date? {
        approvedAt.flatMap(ISO8601Timestamp.parse).map(Date.init(timeIntervalSince1970:))
    }

    /// Reads a Payment object as Toss sends it: unknown fields are ignored, optional fields may
    /// be absent or null, and a field of the wrong type makes the whole object unreadable.
    public init(json c: JSONNode) throws(JSONFieldError) {
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
