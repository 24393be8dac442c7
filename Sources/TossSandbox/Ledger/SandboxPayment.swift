import Foundation

/// Toss payment statuses (toss-api.md "Lookup").
public enum PaymentStatus: String, Sendable {
    case ready = "READY"
    case inProgress = "IN_PROGRESS"
    case done = "DONE"
    case canceled = "CANCELED"
    case partialCanceled = "PARTIAL_CANCELED"
    case aborted = "ABORTED"
    case expired = "EXPIRED"
}

/// Which SDK call opened the window: only the widget adds `paymentType=NORMAL` to successUrl.
public enum CheckoutFlow: String, Sendable {
    case widget
    case payment
}

/// One payment as the sandbox stores it: opened as a session by the SDK, authenticated in the
/// payment window, confirmed by the merchant's server, maybe cancelled.
struct SandboxPayment: Sendable {
    struct Cancel: Sendable {
        var amount: Int
        var reason: String
        var canceledAt: Date
        var transactionKey: String
        var refundableAfter: Int
    }

    let sessionId: String
    let paymentKey: String
    let merchantId: String
    let clientKey: String
    let flow: CheckoutFlow
    let orderId: String
    let orderName: String
    let amount: Int
    let successUrl: String
    let failUrl: String
    let requestedAt: Date
    var status: PaymentStatus = .ready
    var balanceAmount: Int
    var authenticatedAt: Date?
    var approvedAt: Date?
    var cancels: [Cancel] = []
    var failure: (code: String, message: String)?
    var lastTransactionKey: String?

    var keyKind: KeyKind { KeyKind.of(clientKey) }

    /// True once money moved (and so the orderId can no longer open a new session).
    var isApproved: Bool { [.done, .canceled, .partialCanceled].contains(status) }

    /// The Payment object with the fields Toss documents; absent values are `null` as in Toss.
    /// `baseURL` is the sandbox origin the caller used, for the receipt and checkout URLs.
    func jsonObject(baseURL: String) -> [String: Any] {
        let null = NSNull()
        let vat = Int((Double(amount) / 11).rounded())
        let authenticated = status != .ready && status != .expired || authenticatedAt != nil
        var object: [String: Any] = [
            "mId": merchantId,
            "version": "2022-11-16",
            "paymentKey": paymentKey,
            "orderId": orderId,
            "orderName": orderName,
            "status": status.rawValue,
            "type": "NORMAL",
            "method": authenticated ? "카드" : null,
            "currency": "KRW",
            "country": "KR",
            "totalAmount": amount,
            "balanceAmount": balanceAmount,
            "suppliedAmount": amount - vat,
            "vat": vat,
            "taxFreeAmount": 0,
            "taxExemptionAmount": 0,
            "useEscrow": false,
            "cultureExpense": false,
            "isPartialCancelable": true,
            "requestedAt": TossDate.format(requestedAt),
            "approvedAt": approvedAt.map(TossDate.format) ?? null,
            "lastTransactionKey": lastTransactionKey ?? null,
            "receipt": approvedAt == nil ? null : ["url": "\(baseURL)/receipts/\(paymentKey)"],
            "checkout": ["url": "\(baseURL)/payment-window/\(sessionId)"],
            "failure": failure.map { ["code": $0.code, "message": $0.message] } ?? null,
            "cancels": cancels.isEmpty ? null : cancels.map { cancel -> [String: Any] in
                [
                    "cancelAmount": cancel.amount,
                    "cancelReason": cancel.reason,
                    "canceledAt": TossDate.format(cancel.canceledAt),
                    "transactionKey": cancel.transactionKey,
                    "refundableAmount": cancel.refundableAfter,
                    "taxFreeAmount": 0,
                    "taxExemptionAmount": 0,
                    "easyPayDiscountAmount": 0,
                    "cancelStatus": "DONE",
                    "receiptKey": cancel.transactionKey,
                ]
            },
            "virtualAccount": null, "transfer": null, "mobilePhone": null, "giftCertificate": null,
            "cashReceipt": null, "cashReceipts": null, "discount": null, "easyPay": null, "secret": null,
        ]
        object["card"] = authenticated
            ? ["amount": amount, "issuerCode": "61", "acquirerCode": "31", "number": "43301234****123*",
               "installmentPlanMonths": 0, "isInterestFree": false, "approveNo": String(paymentKey.suffix(8)),
               "cardType": "신용", "ownerType": "개인", "acquireStatus": "READY"] as [String: Any]
            : null
        return object
    }
}
