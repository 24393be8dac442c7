import Foundation
import HTTPServer
import Mustache

/// The browser side: the SDK script, the payment window and its three choices, receipts.
extension TossSandbox {
    /// What the buyer can do in the payment window.
    package enum WindowChoice: String, Sendable, CaseIterable {
        /// Authenticate with the test card.
        case approve
        /// The card company declines: ABORTED (with a webhook), failUrl `REJECT_CARD_COMPANY`.
        case decline
        /// The buyer closes the window: the payment stays READY, failUrl `PAY_PROCESS_CANCELED`.
        case cancel
        /// The buyer picks a virtual account (가상계좌): confirm answers WAITING_FOR_DEPOSIT.
        case virtualAccount = "virtual-account"

        /// The failUrl code for a refusal; nil for approval.
        var failureCode: String? {
            switch self {
            case .approve, .virtualAccount: return nil
            case .decline: return "REJECT_CARD_COMPANY"
            case .cancel: return "PAY_PROCESS_CANCELED"
            }
        }
    }

    func browser(_ request: HTTPRequest) -> HTTPResponse? {
        let parts = request.path.split(separator: "/").map(String.init)
        let reading = request.method == "GET" || request.method == "HEAD"
        switch (request.method, parts.count) {
        case (_, 2) where reading && parts == ["v2", "standard"]:
            var response = HTTPResponse(status: 200, contentType: SDKScript.contentType, body: SDKScript.source)
            response.headers.set("Cache-Control", "no-cache")
            response.headers.set("Access-Control-Allow-Origin", "*")
            return response
        case (_, 2) where reading && parts[0] == "payment-window":
            guard let payment = lock.withLock({ ledger.session(parts[1], now: nowLocked) }) else {
                return .html(404, PaymentWindowPage.page(title: "SANDBOX", body: "<p>결제창을 찾을 수 없습니다.</p>"))
            }
            var response = HTTPResponse.html(200, PaymentWindowPage.render(payment))
            response.headers.set("Cache-Control", "no-store")
            return response
        case ("POST", 3) where parts[0] == "payment-window":
            guard let choice = WindowChoice(rawValue: parts[2]) else { return nil }
            switch choose(choice, sessionId: parts[1]) {
            case .success(let outcome) where outcome.promiseMode:
                return .html(200, PaymentWindowPage.promiseResult(outcome, sessionId: parts[1]))
            case .success(let outcome):
                var response = HTTPResponse(status: 303)
                response.headers.set("Location", outcome.redirectURL)
                return response
            case .failure(let error):
                return .html(error.status == 404 ? 404 : 409, PaymentWindowPage.page(
                    title: "SANDBOX", body: "<p>\(HTMLEscaping.escape(error.message))</p>"))
            }
        case (_, 2) where reading && parts[0] == "receipts":
            guard let payment = lock.withLock({ ledger.payment(anyMerchantPaymentKey: parts[1], now: nowLocked) }) else {
                return .html(404, PaymentWindowPage.page(title: "SANDBOX", body: "<p>영수증을 찾을 수 없습니다.</p>"))
            }
            return .html(200, PaymentWindowPage.page(title: "SANDBOX 영수증", body: """
                <p class="badge">SANDBOX 영수증 · 실제 결제가 아닙니다</p>
                <h1>\(HTMLEscaping.escape(payment.orderName))</h1>
                <p>\(HTMLText.won(payment.amount)) · \(HTMLEscaping.escape(payment.status.rawValue))</p>
                <p>주문번호 \(HTMLEscaping.escape(payment.orderId))</p>
                """))
        case (_, 0) where reading:
            return .html(200, PaymentWindowPage.page(title: "Yeyak Toss sandbox", body: """
                <p class="badge">SANDBOX</p><h1>Yeyak Toss sandbox</h1>
                <p>SDK: <code>/v2/standard</code> · API: <code>/v1/payments/...</code> ·
                admin: <code>/__sandbox/payments</code>, <code>/__sandbox/faults</code>, <code>/__sandbox/clock</code>,
                <code>/__sandbox/log?orderId=</code></p>
                """))
        default:
            return nil
        }
    }

    package struct WindowOutcome: Sendable {
        /// Where the buyer's browser goes next (the merchant's successUrl or failUrl with parameters).
        package var redirectURL: String
        package var paymentKey: String?
        package var orderId: String
        package var amount: Int
        /// For a refusal: the failUrl's code and message.
        package var failure: (code: String, message: String)?
        package var flow: CheckoutFlow = .widget
        /// The session was opened in the SDK's Promise mode: no redirect, the page hears the result.
        package var promiseMode = false
    }

    /// Plays the buyer's choice for a session: the same path for the HTML form and the admin hook.
    package func choose(_ choice: WindowChoice, sessionId: String) -> Result<WindowOutcome, SandboxError> {
        sweepExpiredPayments()
        let result: Result<(WindowOutcome, SandboxPayment?), SandboxError> = lock.withLock {
            let now = nowLocked
            do throws(SandboxError) {
                if let code = choice.failureCode {
                    let payment: SandboxPayment
                    var changed: SandboxPayment?
                    if choice == .cancel {
                        payment = try ledger.closeWindow(sessionId: sessionId, now: now)
                    } else {
                        payment = try ledger.abort(sessionId: sessionId, code: code, now: now)
                        changed = payment
                    }
                    let message = SandboxError(code: code).message
                    return .success((WindowOutcome(
                        redirectURL: RedirectURL.failure(payment.failUrl, code: code, message: message,
                                                         orderId: payment.orderId),
                        paymentKey: nil, orderId: payment.orderId, amount: payment.amount, failure: (code, message),
                        flow: payment.flow, promiseMode: payment.promiseMode), changed))
                }
                let payment = try ledger.approve(sessionId: sessionId, method: choice == .virtualAccount ? .virtualAccount : .card,
                                                 now: now)
                return .success((WindowOutcome(
                    redirectURL: RedirectURL.success(payment.successUrl, orderId: payment.orderId,
                                                     paymentKey: payment.paymentKey, amount: payment.amount,
                                                     flow: payment.flow),
                    paymentKey: payment.paymentKey, orderId: payment.orderId, amount: payment.amount,
                    flow: payment.flow, promiseMode: payment.promiseMode), nil))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (outcome, changed)):
            if let changed { announce(changed, baseURL: configuration.publicBaseURL ?? "http://127.0.0.1") }
            return .success(outcome)
        case .failure(let error):
            return .failure(error)
        }
    }
}
