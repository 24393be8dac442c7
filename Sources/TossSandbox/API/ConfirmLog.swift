import Foundation
import JSON

/// Every confirm call that reached the sandbox, per order, so tests can assert "exactly one
/// confirm" and "never confirmed twice" from the outside.
struct ConfirmLog {
    struct Entry {
        var at: Date
        var paymentKey: String
        var amount: Int?
        var idempotencyKey: String?
        /// HTTP status answered (0 when the answer was dropped or never sent).
        var status: Int
        var code: String?
        /// The answer came from the idempotency store; nothing was executed.
        var replayed: Bool
        /// The payment became DONE by this call.
        var applied: Bool
        var fault: String?

        var jsonObject: JSONValue {
            [
                "at": .string(TossDate.format(at)), "paymentKey": .string(paymentKey), "amount": .orNull(amount),
                "idempotencyKey": .orNull(idempotencyKey), "status": .int(status), "code": .orNull(code),
                "replayed": .bool(replayed), "applied": .bool(applied), "fault": .orNull(fault),
            ]
        }
    }

    private var byOrder: [String: [Entry]] = [:]

    mutating func append(orderId: String, _ entry: Entry) { byOrder[orderId, default: []].append(entry) }

    func entries(orderId: String) -> [Entry] { byOrder[orderId] ?? [] }
}
