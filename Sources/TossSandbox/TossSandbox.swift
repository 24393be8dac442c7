import CivilTime
import Foundation
import HTTPServer
import JSON

/// A stateful local Toss Payments: the payment API, the v2 SDK stand-in, the payment window,
/// webhooks and fault injection, answering as an `HTTPResponder` so tests can call it directly
/// and the socket server can host it.
///
/// Routes:
/// - `/v1/payments/...`: the Toss API (see `TossSandbox+PaymentAPI.swift`).
/// - `/v2/standard`, `/payment-window/{id}`, `/receipts/{paymentKey}`: the browser side.
/// - `/__sandbox/...`: the admin API for tests and developers.
package final class TossSandbox: HTTPResponder, @unchecked Sendable {
    package let configuration: SandboxConfiguration
    /// Webhook deliveries (tests can wait on them and read the attempts).
    package let webhooks: WebhookDispatcher

    /// Injectable so tests can walk through confirm windows and session expiry without waiting;
    /// `/__sandbox/clock` adds `clockOffset` on top of it.
    let clock: any WallClock
    let lock = NSLock()
    // Everything below is guarded by `lock`.
    var ledger: PaymentLedger
    var idempotency: IdempotencyStore
    var confirmLog = ConfirmLog()
    var faults = FaultPlan()
    var clockOffset: TimeInterval = 0
    private var sequence = 0

    package init(configuration: SandboxConfiguration = SandboxConfiguration(),
                clock: any WallClock = SystemClock(),
                webhookSender: WebhookSender = URLSessionWebhookSender(),
                webhookSleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.configuration = configuration
        self.clock = clock
        webhooks = WebhookDispatcher(url: configuration.webhookURL, sender: webhookSender,
                                     timeScale: configuration.webhookTimeScale, sleep: webhookSleep)
        ledger = PaymentLedger(confirmWindow: configuration.confirmWindow,
                               sessionLifetime: configuration.sessionLifetime)
        idempotency = IdempotencyStore(lifetime: configuration.idempotencyLifetime)
    }

    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        sweepExpiredPayments()
        let path = request.path
        if path.hasPrefix("/v1/") { return await paymentAPI(request) }
        if path.hasPrefix("/__sandbox/") { return await admin(request) }
        if let response = browser(request) { return response }
        return .json(404, SandboxError(code: "NOT_FOUND").jsonObject.text)
    }

    // MARK: - Shared helpers

    /// Persists every lapsed session and sends PAYMENT_STATUS_CHANGED for authenticated payments
    /// that expired unconfirmed. Run before every request and after the clock moves, so sandbox
    /// time alone (no timer) decides expiry.
    package func sweepExpiredPayments() {
        let expired = lock.withLock { ledger.sweepExpired(now: nowLocked) }
        for payment in expired { announce(payment, baseURL: configuration.publicBaseURL ?? "http://127.0.0.1") }
    }

    /// PAYMENT_STATUS_CHANGED for a payment whose status changed, plus DEPOSIT_CALLBACK (a flat
    /// body without eventType) when a virtual account was issued, deposited or cancelled.
    func announce(_ payment: SandboxPayment, baseURL: String) {
        let createdAt = now
        webhooks.send(createdAt: createdAt, payment: payment.jsonObject(baseURL: baseURL))
        if payment.method == .virtualAccount, payment.depositSecret != nil {
            webhooks.sendDepositCallback(createdAt: createdAt, secret: payment.depositSecret ?? "",
                                         status: payment.status.rawValue,
                                         transactionKey: payment.lastTransactionKey ?? "", orderId: payment.orderId)
        }
    }

    /// Sandbox time: the injected clock plus whatever `/__sandbox/clock` added. Call under `lock`.
    var nowLocked: Date { clock.now.addingTimeInterval(clockOffset) }

    package var now: Date { lock.withLock { nowLocked } }

    /// Unique ids (session ids, payment keys): random, so nobody can guess another buyer's.
    func newIdentifier(prefix: String) -> String {
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let number = lock.withLock { () -> Int in sequence += 1; return sequence }
        return "\(prefix)\(number)\(random)"
    }

    func merchant(secretKey: String) -> MerchantKeys? {
        configuration.merchants.first { $0.secretKey == secretKey }
    }

    func merchant(clientKey: String) -> MerchantKeys? {
        configuration.merchants.first { $0.clientKey == clientKey }
    }

    /// The sandbox origin as the caller sees it.
    func baseURL(for request: HTTPRequest) -> String {
        if let configured = configuration.publicBaseURL { return configured }
        return "http://" + (request.headers["Host"] ?? "127.0.0.1")
    }

    /// Holds the caller until it gives up (the task is cancelled) or `hangSeconds` pass.
    func hang() async {
        try? await Task.sleep(for: .milliseconds(Int64(configuration.hangSeconds * 1000)))
    }

    static func error(_ error: SandboxError, headers: [(String, String)] = []) -> HTTPResponse {
        json(error.status, error.jsonObject, headers: headers)
    }

    static func json(_ status: Int, _ object: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
        var response = HTTPResponse.json(status, object.text)
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }
}
