import CivilTime
import Foundation

/// The Toss Payment object, with the fields a booking needs. Money is whole KRW.
public struct Payment: Decodable, Sendable, Equatable {
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

    public struct Receipt: Decodable, Sendable, Equatable {
        public var url: String
    }

    public struct Cancel: Decodable, Sendable, Equatable {
        public var cancelAmount: Int
        public var cancelReason: String
        /// ISO 8601 with offset, e.g. `2026-01-01T10:00:00+09:00`.
        public var canceledAt: String
        public var transactionKey: String
    }

    public struct Failure: Decodable, Sendable, Equatable {
        public var code: String
        public var message: String
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

    private enum CodingKeys: String, CodingKey {
        case paymentKey, orderId, orderName, status, method, totalAmount, balanceAmount, approvedAt, requestedAt
        case receipt, cancels, failure, currency, type, mId, version, lastTransactionKey
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        paymentKey = try c.decode(String.self, forKey: .paymentKey)
        orderId = try c.decode(String.self, forKey: .orderId)
        orderName = try c.decodeIfPresent(String.self, forKey: .orderName) ?? ""
        status = Status(rawValue: try c.decode(String.self, forKey: .status))
        method = try c.decodeIfPresent(String.self, forKey: .method)
        totalAmount = try c.decode(Int.self, forKey: .totalAmount)
        balanceAmount = try c.decodeIfPresent(Int.self, forKey: .balanceAmount) ?? totalAmount
        approvedAt = try c.decodeIfPresent(String.self, forKey: .approvedAt)
        requestedAt = try c.decodeIfPresent(String.self, forKey: .requestedAt)
        receipt = try c.decodeIfPresent(Receipt.self, forKey: .receipt)
        cancels = try c.decodeIfPresent([Cancel].self, forKey: .cancels) ?? []
        failure = try c.decodeIfPresent(Failure.self, forKey: .failure)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        mId = try c.decodeIfPresent(String.self, forKey: .mId)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        lastTransactionKey = try c.decodeIfPresent(String.self, forKey: .lastTransactionKey)
    }
}
