import Foundation

/// The sandbox's payments and their state machine, free of I/O and locks: every operation
/// takes "now" so the confirm window and session expiry are plain arithmetic in tests.
///
/// READY (window open) -> IN_PROGRESS (buyer approved; paymentKey handed out) -> DONE (confirmed)
/// -> PARTIAL_CANCELED / CANCELED. READY -> ABORTED when the card company declines. A buyer who
/// closes the window leaves the payment READY, as at Toss. READY older than the session lifetime,
/// or IN_PROGRESS older than the confirm window, -> EXPIRED. A virtual account (가상계좌) confirms to
/// WAITING_FOR_DEPOSIT and becomes DONE on deposit.
struct PaymentLedger {
    // A changed lifetime may bring lapses forward: the next sweep looks at every open session.
    var confirmWindow: TimeInterval { didSet { sweepDue = .distantPast } }
    var sessionLifetime: TimeInterval { didSet { sweepDue = .distantPast } }

    init(confirmWindow: TimeInterval = 600, sessionLifetime: TimeInterval = 1800) {
        self.confirmWindow = confirmWindow
        self.sessionLifetime = sessionLifetime
    }

    private var bySession: [String: SandboxPayment] = [:]
    private var sessionByPaymentKey: [String: String] = [:]
    /// merchantId + "\n" + orderId -> sessions in creation order.
    private var sessionsByOrder: [String: [String]] = [:]
    /// Session ids in the order they were opened (for listing).
    private var creationOrder: [String] = []
    /// Sessions still READY or IN_PROGRESS, the only ones that can expire.
    private var open: Set<String> = []
    /// No open session lapses before this (a lower bound): `sweepExpired` runs before every
    /// request, and scanning every open session each time cost the sandbox ~2 ms per call with
    /// a few thousand payment windows open (the confirm benchmark).
    private var sweepDue: Date = .distantFuture

    // MARK: - Payment window

    mutating func openSession(_ request: SessionRequest, merchant: MerchantKeys, now: Date,
                              sessionId: String, paymentKey: String) throws(SandboxError) -> SandboxPayment {
        let orderKey = merchant.merchantId + "\n" + request.orderId
        if let existing = sessionsByOrder[orderKey], existing.contains(where: { bySession[$0]?.isApproved == true }) {
            throw SandboxError(code: "DUPLICATED_ORDER_ID")
        }
        let payment = SandboxPayment(
            sessionId: sessionId, paymentKey: paymentKey, merchantId: merchant.merchantId,
            clientKey: request.clientKey, flow: CheckoutFlow(rawValue: request.flow ?? "widget") ?? .widget,
            orderId: request.orderId, orderName: request.orderName, amount: request.amount,
            successUrl: request.successUrl, failUrl: request.failUrl, requestedAt: now,
            balanceAmount: request.amount)
        bySession[sessionId] = payment
        sessionByPaymentKey[paymentKey] = sessionId
        sessionsByOrder[orderKey, default: []].append(sessionId)
        creationOrder.append(sessionId)
        open.insert(sessionId)
        sweepDue = min(sweepDue, now.addingTimeInterval(sessionLifetime))
        return payment
    }

    func session(_ sessionId: String, now: Date) -> SandboxPayment? {
        bySession[sessionId].map { expired($0, now: now) }
    }

    /// The buyer approved in the window: the session is authenticated and the confirm window starts.
    mutating func approve(sessionId: String, method: SandboxMethod = .card, now: Date) throws(SandboxError) -> SandboxPayment {
        var payment = try readySession(sessionId, now: now)
        payment.status = .inProgress
        payment.method = method
        payment.authenticatedAt = now
        bySession[sessionId] = payment
        sweepDue = min(sweepDue, now.addingTimeInterval(confirmWindow))
        return payment
    }

    /// The card company declined (`REJECT_CARD_COMPANY`): the payment is ABORTED.
    mutating func abort(sessionId: String, code: String, now: Date) throws(SandboxError) -> SandboxPayment {
        var payment = try readySession(sessionId, now: now)
        payment.status = .aborted
        payment.failure = (code, SandboxError(code: code).message)
        bySession[sessionId] = payment
        open.remove(sessionId)
        return payment
    }

    /// The buyer closed the window (`PAY_PROCESS_CANCELED`): nothing changes, the payment stays
    /// READY (and expires after the session lifetime), as at Toss.
    func closeWindow(sessionId: String, now: Date) throws(SandboxError) -> SandboxPayment {
        guard let stored = bySession[sessionId] else { throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION") }
        let payment = expired(stored, now: now)
        switch payment.status {
        case .ready: return payment
        case .expired: throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION")
        default: throw SandboxError(code: "ALREADY_PROCESSED_PAYMENT")
        }
    }

    private mutating func readySession(_ sessionId: String, now: Date) throws(SandboxError) -> SandboxPayment {
        guard let stored = bySession[sessionId] else { throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION") }
        let payment = persistExpiry(stored, now: now)
        switch payment.status {
        case .ready: return payment
        case .expired: throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION")
        default: throw SandboxError(code: "ALREADY_PROCESSED_PAYMENT")
        }
    }

    // MARK: - Server API

    /// `POST /v1/payments/confirm`. Checks run in the order a caller can act on: session exists
    /// for this merchant, key kind, state, confirm window, then orderId and amount.
    mutating func confirm(paymentKey: String, orderId: String, amount: Int, merchantId: String,
                          secretKind: KeyKind, now: Date) throws(SandboxError) -> SandboxPayment {
        guard let stored = payment(paymentKey: paymentKey, merchantId: merchantId) else {
            throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION")
        }
        guard stored.keyKind == secretKind else { throw SandboxError(code: "INVALID_API_KEY") }
        var payment = persistExpiry(stored, now: now)
        switch payment.status {
        case .inProgress: break
        case .done, .canceled, .partialCanceled, .waitingForDeposit: throw SandboxError(code: "ALREADY_PROCESSED_PAYMENT")
        case .ready, .aborted, .expired: throw SandboxError(code: "NOT_FOUND_PAYMENT_SESSION")
        }
        guard payment.orderId == orderId else {
            throw SandboxError.invalidRequest("주문번호가 결제 정보와 일치하지 않습니다.")
        }
        guard payment.amount == amount else {
            throw SandboxError.invalidRequest("결제 금액이 결제 정보와 일치하지 않습니다.")
        }
        payment.failure = nil
        payment.lastTransactionKey = Self.transactionKey(payment.paymentKey, index: 0)
        if payment.method == .virtualAccount {
            // The account is issued; the money comes when the buyer deposits (`deposit`).
            payment.status = .waitingForDeposit
            payment.depositSecret = "ps_" + String(payment.paymentKey.suffix(16))
        } else {
            payment.status = .done
            payment.approvedAt = now
        }
        bySession[payment.sessionId] = payment
        open.remove(payment.sessionId)
        return payment
    }

    /// The buyer deposited into a WAITING_FOR_DEPOSIT virtual account: DONE.
    mutating func deposit(paymentKey: String, now: Date) throws(SandboxError) -> SandboxPayment {
        guard let sessionId = sessionByPaymentKey[paymentKey], var payment = bySession[sessionId] else {
            throw SandboxError(code: "NOT_FOUND_PAYMENT")
        }
        guard payment.status == .waitingForDeposit else { throw SandboxError(code: "NOT_CANCELABLE_PAYMENT", message: "입금 대기 중인 가상계좌가 아닙니다.") }
        payment.status = .done
        payment.approvedAt = now
        bySession[sessionId] = payment
        return payment
    }

    /// Persists the expiry of every session that lapsed by `now` and returns those that had been
    /// authenticated (IN_PROGRESS): Toss announces their EXPIRED with a webhook. A READY session
    /// (the buyer never authenticated, e.g. closed the window) expires silently.
    mutating func sweepExpired(now: Date) -> [SandboxPayment] {
        // A millisecond early, so rounding in the deadline arithmetic never skips a lapse.
        guard now.timeIntervalSince(sweepDue) > -0.001 else { return [] }
        var announced: [SandboxPayment] = []
        var nextDue = Date.distantFuture
        for sessionId in open {
            guard let stored = bySession[sessionId] else { open.remove(sessionId); continue }
            let current = expired(stored, now: now)
            guard current.status == .expired else {
                if let lapse = lapse(of: stored) { nextDue = min(nextDue, lapse.start.addingTimeInterval(lapse.after)) }
                continue
            }
            bySession[sessionId] = current
            open.remove(sessionId)
            if stored.status == .inProgress { announced.append(current) }
        }
        sweepDue = nextDue
        return announced
    }

    /// `POST /v1/payments/{paymentKey}/cancel`: full when `amount` is nil, else partial.
    mutating func cancel(paymentKey: String, reason: String, amount: Int?, merchantId: String,
                         hasRefundAccount: Bool = false, now: Date) throws(SandboxError) -> SandboxPayment {
        guard var payment = payment(paymentKey: paymentKey, merchantId: merchantId) else {
            throw SandboxError(code: "NOT_FOUND_PAYMENT")
        }
        switch payment.status {
        case .waitingForDeposit:
            // Nothing was deposited: cancelling closes the account, no refund account is needed.
            guard amount == nil || amount == payment.balanceAmount else { throw SandboxError(code: "NOT_CANCELABLE_AMOUNT") }
        case .done, .partialCanceled:
            if payment.method == .virtualAccount && !hasRefundAccount {
                throw SandboxError.invalidRequest("가상계좌 결제의 환불에는 refundReceiveAccount(bank, accountNumber, holderName)가 필요합니다.")
            }
        case .canceled: throw SandboxError(code: "ALREADY_CANCELED_PAYMENT")
        default: throw SandboxError(code: "NOT_CANCELABLE_PAYMENT")
        }
        let cancelAmount = amount ?? payment.balanceAmount
        guard cancelAmount > 0 else { throw SandboxError.invalidRequest("취소 금액은 0보다 커야 합니다.") }
        guard cancelAmount <= payment.balanceAmount else { throw SandboxError(code: "NOT_CANCELABLE_AMOUNT") }
        payment.balanceAmount -= cancelAmount
        let transactionKey = Self.transactionKey(payment.paymentKey, index: payment.cancels.count + 1)
        payment.cancels.append(.init(amount: cancelAmount, reason: reason, canceledAt: now,
                                     transactionKey: transactionKey, refundableAfter: payment.balanceAmount))
        payment.lastTransactionKey = transactionKey
        payment.status = payment.balanceAmount == 0 ? .canceled : .partialCanceled
        bySession[payment.sessionId] = payment
        return payment
    }

    func payment(paymentKey: String, merchantId: String, now: Date) -> SandboxPayment? {
        payment(paymentKey: paymentKey, merchantId: merchantId).map { expired($0, now: now) }
    }

    /// The truth for an order: the approved session if there is one, else the latest attempt.
    func payment(orderId: String, merchantId: String, now: Date) -> SandboxPayment? {
        let sessions = (sessionsByOrder[merchantId + "\n" + orderId] ?? []).compactMap { bySession[$0] }
        return (sessions.first(where: \.isApproved) ?? sessions.last).map { expired($0, now: now) }
    }

    /// For the public receipt page, which is reached by paymentKey alone.
    func payment(anyMerchantPaymentKey paymentKey: String, now: Date) -> SandboxPayment? {
        sessionByPaymentKey[paymentKey].flatMap { bySession[$0] }.map { expired($0, now: now) }
    }

    func all(now: Date) -> [SandboxPayment] {
        creationOrder.compactMap { bySession[$0] }.map { expired($0, now: now) }
    }

    // MARK: - Expiry

    private func payment(paymentKey: String, merchantId: String) -> SandboxPayment? {
        guard let sessionId = sessionByPaymentKey[paymentKey], let payment = bySession[sessionId],
              payment.merchantId == merchantId else { return nil }
        return payment
    }

    /// The payment as it is at `now`: a session past its lifetime reads as EXPIRED.
    func expired(_ payment: SandboxPayment, now: Date) -> SandboxPayment {
        var payment = payment
        if let lapse = lapse(of: payment), now.timeIntervalSince(lapse.start) > lapse.after {
            payment.status = .expired
            payment.failure = ("EXPIRED_PAYMENT", SandboxError(code: "EXPIRED_PAYMENT").message)
        }
        return payment
    }

    /// An open payment lapses `after` seconds past `start`: READY after the session lifetime,
    /// IN_PROGRESS after the confirm window. Nil for every other status.
    private func lapse(of payment: SandboxPayment) -> (start: Date, after: TimeInterval)? {
        switch payment.status {
        case .ready: return (payment.requestedAt, sessionLifetime)
        case .inProgress: return (payment.authenticatedAt ?? payment.requestedAt, confirmWindow)
        default: return nil
        }
    }

    private mutating func persistExpiry(_ payment: SandboxPayment, now: Date) -> SandboxPayment {
        let current = expired(payment, now: now)
        bySession[current.sessionId] = current
        if current.status == .expired { open.remove(current.sessionId) }
        return current
    }

    static func transactionKey(_ paymentKey: String, index: Int) -> String {
        "txrd_\(paymentKey.suffix(12))_\(index)"
    }
}
