import Foundation
import JSON

/// Toss payment statuses (toss-api.md "Lookup").
package enum PaymentStatus: String, Sendable {
    case ready = "READY"
    case inProgress = "IN_PROGRESS"
    case waitingForDeposit = "WAITING_FOR_DEPOSIT"
    case done = "DONE"
    case canceled = "CANCELED"
    case partialCanceled = "PARTIAL_CANCELED"
    case aborted = "ABORTED"
    case expired = "EXPIRED"
}

/// Which SDK call opened the window: only the widget adds `paymentType=NORMAL` to successUrl.
package enum CheckoutFlow: String, Sendable {
    case widget
    case payment
}

/// How the buyer paid in the window: a test card, or a virtual account (가상계좌) that confirms to
/// WAITING_FOR_DEPOSIT and becomes DONE only when the buyer deposits.
package enum SandboxMethod: String, Sendable {
    case card = "카드"
    case virtualAccount = "가상계좌"
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
    var method: SandboxMethod = .card
    /// The virtual account's deposit secret (sent in DEPOSIT_CALLBACK), once issued.
    var depositSecret: String?
    var balanceAmount: Int
    var authenticatedAt: Date?
    var approvedAt: Date?
    var cancels: [Cancel] = []
    var failure: (code: String, message: String)?
    var lastTransactionKey: String?

    var keyKind: KeyKind { KeyKind.of(clientKey) }

    /// Opened without successUrl/failUrl (the SDK's Promise mode): the window reports to the page.
    var promiseMode: Bool { successUrl.isEmpty && failUrl.isEmpty }

    /// True once money moved (and so the orderId can no longer open a new session).
    var isApproved: Bool { [.done, .canceled, .partialCanceled, .waitingForDeposit].contains(status) }

    /// The Payment object with the fields Toss documents; absent values are `null` as in Toss.
    /// `baseURL` is the sandbox origin the caller used, for the receipt and checkout URLs.
    func jsonObject(baseURL: String) -> JSONValue {
        let vat = Int((Double(amount) / 11).rounded())
        let authenticated = status != .ready && status != .expired || authenticatedAt != nil
        let card: JSONValue = !authenticated || method != .card ? nil : [
            "amount": .int(amount), "issuerCode": "61", "acquirerCode": "31", "number": "43301234****123*",
            "installmentPlanMonths": 0, "isInterestFree": false, "interestPayer": nil,
            "approveNo": .string(String(paymentKey.suffix(8))), "useCardPoint": false,
            "cardType": "신용", "ownerType": "개인", "acquireStatus": "READY",
        ]
        let virtualAccount: JSONValue = !authenticated || method != .virtualAccount ? nil : [
            "accountType": "일반", "accountNumber": .string("X" + String(paymentKey.suffix(12))),
            "bankCode": "20", "customerName": "샌드박스", "dueDate": .string(TossDate.format(requestedAt.addingTimeInterval(7 * 24 * 3600))),
            "refundStatus": "NONE", "expired": false, "settlementStatus": "INCOMPLETED", "refundReceiveAccount": nil,
        ]
        return [
            "mId": .string(merchantId),
            "version": "2022-11-16",
            "paymentKey": .string(paymentKey),
            "orderId": .string(orderId),
            "orderName": .string(orderName),
            "status": .string(status.rawValue),
            "type": "NORMAL",
            "method": authenticated ? .string(method.rawValue) : nil,
            "currency": "KRW",
            "country": "KR",
            "totalAmount": .int(amount),
            "balanceAmount": .int(balanceAmount),
            "suppliedAmount": .int(amount - vat),
            "vat": .int(vat),
            "taxFreeAmount": 0,
            "taxExemptionAmount": 0,
            "useEscrow": false,
            "cultureExpense": false,
            "isPartialCancelable": true,
            "metadata": nil,
            "requestedAt": .string(TossDate.format(requestedAt)),
            "approvedAt": .orNull(approvedAt.map(TossDate.format)),
            "lastTransactionKey": .orNull(lastTransactionKey),
            "receipt": approvedAt == nil ? nil : ["url": .string("\(baseURL)/receipts/\(paymentKey)")],
            "checkout": ["url": .string("\(baseURL)/payment-window/\(sessionId)")],
            "failure": failure.map { ["code": .string($0.code), "message": .string($0.message)] } ?? nil,
            "cancels": cancels.isEmpty ? nil : .array(cancels.map { cancel in
                [
                    "cancelAmount": .int(cancel.amount),
                    "cancelReason": .string(cancel.reason),
                    "canceledAt": .string(TossDate.format(cancel.canceledAt)),
                    "transactionKey": .string(cancel.transactionKey),
                    "refundableAmount": .int(cancel.refundableAfter),
                    "taxFreeAmount": 0,
                    "taxExemptionAmount": 0,
                    "easyPayDiscountAmount": 0,
                    "cancelStatus": "DONE",
                    "receiptKey": .string(cancel.transactionKey),
                ]
            }),
            "card": card,
            "virtualAccount": virtualAccount, "transfer": nil, "mobilePhone": nil, "giftCertificate": nil,
            "cashReceipt": nil, "cashReceipts": nil, "discount": nil, "easyPay": nil, "secret": .orNull(depositSecret),
        ]
    }
}
