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

    /// `approvedAt` as a point in time.
    public var approvedDate: Date? { approvedAt.flatMap(Self.parseDate) }

    /// `2026-12-24T18:00:00+09:00` (fractional seconds and `Z` allowed), read by hand: a new
    /// ISO8601DateFormatter per call was ~15% of the service's CPU per confirm on Linux.
    static func parseDate(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for byte in b[from..<from + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 0x2E {  // .fraction
            var scale = 0.1
            index += 1
            while index < b.count, b[index] >= 0x30 && b[index] <= 0x39 {
                fraction += Double(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == 0x5A || b[index] == 0x7A {  // Z
            guard index + 1 == b.count else { return nil }
        } else {
            guard b[index] == 0x2B || b[index] == 0x2D, index + 6 == b.count, b[index + 3] == 0x3A,
                  let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2) else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (b[index] == 0x2D ? -1 : 1)
        }
        let days = CivilDays.from(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
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
