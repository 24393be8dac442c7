import Foundation
import HTTPServer
import JSON

/// `/__sandbox/...`: what the SDK stand-in, tests and developers use to drive the sandbox.
///
/// - `POST /__sandbox/sessions` (CORS, any origin) `{clientKey, orderId, orderName, amount, successUrl,
///   failUrl, customerKey?, flow?: "widget"|"payment"}` -> 201 `{sessionId, paymentWindowPath, paymentWindowUrl}`
/// - `POST /__sandbox/sessions/{id}/approve|decline|cancel` -> `{redirectUrl, paymentKey, orderId, amount}`
/// - `GET|POST /__sandbox/faults` (`FaultPlan` JSON), `GET|POST /__sandbox/clock` `{advanceSeconds}`
/// - `GET /__sandbox/payments`, `GET /__sandbox/log?orderId=`, `GET /__sandbox/webhooks`
/// - `POST /__sandbox/payments/{paymentKey}/deposit`: the buyer pays into a virtual account
extension TossSandbox {
    static let cors: [(String, String)] = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "POST, OPTIONS"),
        ("Access-Control-Allow-Headers", "Content-Type"),
        ("Access-Control-Max-Age", "600"),
    ]

    func admin(_ request: HTTPRequest) async -> HTTPResponse {
        let parts = Array(request.path.split(separator: "/").map(String.init).dropFirst())  // drop "__sandbox"
        switch (request.method, parts.count, parts.first ?? "") {
        case ("OPTIONS", _, "sessions"):
            var response = HTTPResponse(status: 204)
            for (name, value) in Self.cors { response.headers.set(name, value) }
            return response
        case ("POST", 1, "sessions"):
            return openSession(request)
        case ("POST", 3, "sessions"):
            guard let choice = WindowChoice(rawValue: parts[2]) else { break }
            switch choose(choice, sessionId: parts[1]) {
            case .success(let outcome):
                return Self.json(200, [
                    "redirectUrl": .string(outcome.redirectURL), "paymentKey": .orNull(outcome.paymentKey),
                    "orderId": .string(outcome.orderId), "amount": .int(outcome.amount),
                ])
            case .failure(let error):
                return Self.error(error)
            }
        case ("GET", 1, "faults"):
            return Self.json(200, lock.withLock { faults.jsonObject })
        case ("POST", 1, "faults"):
            guard let plan = RequestBody.read(request.body, FaultPlan.init(json:)) else {
                return Self.error(.invalidRequest("faults: {latencyMs, mode, count|probability, operations}"))
            }
            lock.withLock { faults = plan }
            return Self.json(200, plan.jsonObject)
        case ("GET", 1, "clock"):
            return Self.json(200, ["now": .string(TossDate.format(now))])
        case ("POST", 1, "clock"):
            guard let advanceSeconds = RequestBody.read(request.body, { json throws(JSONFieldError) in
                try json.required("advanceSeconds", \.doubleValue)
            }), advanceSeconds >= 0 else {
                return Self.error(.invalidRequest("clock: {advanceSeconds: number >= 0}"))
            }
            advanceClock(seconds: advanceSeconds)
            return Self.json(200, ["now": .string(TossDate.format(now))])
        case ("GET", 1, "payments"):
            let payments = lock.withLock { ledger.all(now: nowLocked) }
            return Self.json(200, ["payments": .array(payments.map { payment in
                var object = payment.jsonObject(baseURL: baseURL(for: request))
                object.set("sessionId", .string(payment.sessionId))
                return object
            })])
        case ("POST", 3, "payments") where parts[2] == "deposit":
            // The buyer deposits into a virtual account: DONE, with PAYMENT_STATUS_CHANGED and DEPOSIT_CALLBACK.
            let result: Result<SandboxPayment, SandboxError> = lock.withLock {
                do throws(SandboxError) { return .success(try ledger.deposit(paymentKey: parts[1], now: nowLocked)) }
                catch { return .failure(error) }
            }
            switch result {
            case .success(let payment):
                announce(payment, baseURL: baseURL(for: request))
                return Self.json(200, payment.jsonObject(baseURL: baseURL(for: request)))
            case .failure(let error):
                return Self.error(error)
            }
        case ("GET", 1, "log"):
            guard let orderId = request.queryValue("orderId") else {
                return Self.error(.invalidRequest("log: ?orderId= is required"))
            }
            let entries = lock.withLock { confirmLog.entries(orderId: orderId) }
            return Self.json(200, [
                "orderId": .string(orderId),
                "confirmCalls": .int(entries.count),
                "executedConfirms": .int(entries.filter { !$0.replayed && $0.fault.map { $0.hasPrefix("apply") } ?? true }.count),
                "appliedConfirms": .int(entries.filter(\.applied).count),
                "confirms": .array(entries.map(\.jsonObject)),
            ])
        case ("GET", 1, "webhooks"):
            return Self.json(200, ["attempts": .array(webhooks.deliveryAttempts.map { attempt in
                ["event": .int(attempt.eventNumber), "attempt": .int(attempt.attempt), "status": .orNull(attempt.status)]
            })])
        default:
            break
        }
        return Self.error(SandboxError(code: "NOT_FOUND"))
    }

    /// Moves sandbox time forward (confirm windows, session expiry, idempotency lifetime).
    package func advanceClock(seconds: TimeInterval) {
        lock.withLock { clockOffset += seconds }
        sweepExpiredPayments()
    }

    /// Replaces the fault plan (the same as `POST /__sandbox/faults`).
    package func setFaults(_ plan: FaultPlan) {
        lock.withLock { faults = plan }
    }

    /// Opens a payment session as `requestPayment` does; returns the session id.
    package func openSession(_ session: SessionRequest) -> Result<String, SandboxError> {
        guard let merchant = merchant(clientKey: session.clientKey) else {
            return .failure(SandboxError(code: "UNAUTHORIZED_KEY"))
        }
        if let problem = Self.validate(session) { return .failure(problem) }
        let sessionId = newIdentifier(prefix: "sess_")
        let paymentKey = newIdentifier(prefix: "tsandbox")
        return lock.withLock {
            do throws(SandboxError) {
                let payment = try ledger.openSession(
                    session, merchant: merchant, now: nowLocked, sessionId: sessionId, paymentKey: paymentKey)
                return .success(payment.sessionId)
            } catch {
                return .failure(error)
            }
        }
    }

    private func openSession(_ request: HTTPRequest) -> HTTPResponse {
        guard let session = RequestBody.read(request.body, SessionRequest.init(json:)) else {
            return Self.error(.invalidRequest("clientKey, orderId, orderName, amount, successUrl, failUrl가 필요합니다."),
                              headers: Self.cors)
        }
        let base = baseURL(for: request)
        switch openSession(session) {
        case .success(let sessionId):
            return Self.json(201, [
                "sessionId": .string(sessionId), "paymentWindowPath": .string("/payment-window/\(sessionId)"),
                "paymentWindowUrl": .string("\(base)/payment-window/\(sessionId)"),
            ], headers: Self.cors)
        case .failure(let error):
            return Self.error(error, headers: Self.cors)
        }
    }

    /// The same rules the SDK checks, so a hand-made session cannot be looser than a real one.
    static func validate(_ session: SessionRequest) -> SandboxError? {
        let orderIdCharacters = session.orderId.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "="
        }
        if !(6...64).contains(session.orderId.count) || !orderIdCharacters {
            return .invalidRequest("orderId는 영문 대소문자, 숫자, 특수문자 -, _, = 로 이루어진 6자 이상 64자 이하여야 합니다.")
        }
        if session.orderName.isEmpty || session.orderName.count > 100 {
            return .invalidRequest("orderName은 1자 이상 100자 이하여야 합니다.")
        }
        if session.amount <= 0 { return .invalidRequest("amount는 0보다 커야 합니다.") }
        let promiseMode = session.successUrl.isEmpty && session.failUrl.isEmpty
        for url in [session.successUrl, session.failUrl] where !promiseMode {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme ?? ""),
                  !(components.host ?? "").isEmpty else {
                return .invalidRequest("successUrl과 failUrl은 절대 URL이어야 합니다.")
            }
        }
        let flow = session.flow ?? "widget"
        guard let kind = CheckoutFlow(rawValue: flow) else { return .invalidRequest("flow는 widget 또는 payment입니다.") }
        if (kind == .widget) != (KeyKind.of(session.clientKey) == .widget) {
            return SandboxError(status: 400, code: "INVALID_CLIENT_KEY",
                                message: "결제위젯은 위젯 클라이언트 키, 결제창은 API 개별 연동 키가 필요합니다.")
        }
        return nil
    }
}
