import Foundation
import HTTPServer
import JSON

/// The Toss server API: confirm, lookup by paymentKey or orderId, cancel.
extension TossSandbox {
    enum APIRoute: Equatable {
        case confirm
        /// `POST /v1/payments/{paymentKey}` with `{orderId, amount}`: the confirm of Toss's original
        /// (v1) tutorial, which Toss still answers like `/v1/payments/confirm`.
        case legacyConfirm(paymentKey: String)
        case lookup(paymentKey: String)
        case lookupOrder(orderId: String)
        case cancel(paymentKey: String)

        init?(method: String, path: String) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            // ["", "v1", "payments", ...]
            guard parts.count >= 4, parts[1] == "v1", parts[2] == "payments", !parts[3].isEmpty else { return nil }
            switch (method, parts.count) {
            case ("POST", 4) where parts[3] == "confirm": self = .confirm
            case ("POST", 4): self = .legacyConfirm(paymentKey: parts[3])
            case ("GET", 4): self = .lookup(paymentKey: parts[3])
            case ("GET", 5) where parts[3] == "orders" && !parts[4].isEmpty: self = .lookupOrder(orderId: parts[4])
            case ("POST", 5) where parts[4] == "cancel": self = .cancel(paymentKey: parts[3])
            default: return nil
            }
        }

        var isConfirm: Bool {
            switch self {
            case .confirm, .legacyConfirm: return true
            default: return false
            }
        }

        var operation: FaultPlan.Operation {
            switch self {
            case .confirm, .legacyConfirm: return .confirm
            case .lookup, .lookupOrder: return .lookup
            case .cancel: return .cancel
            }
        }
    }

    struct ConfirmBody {
        var paymentKey: String?
        var orderId: String?
        var amount: Int?

        /// `amount` may be a JSON number or a string of digits: Toss's official server sample
        /// forwards the success redirect's query value (`"50000"`) as it is, and Toss accepts it.
        init(json: JSONNode, pathPaymentKey: String? = nil) throws(JSONFieldError) {
            if let pathPaymentKey {
                paymentKey = pathPaymentKey
            } else {
                paymentKey = try json.optional("paymentKey", \.stringValue)
            }
            orderId = try json.optional("orderId", \.stringValue)
            amount = try json.optional("amount") { node in
                node.intValue ?? node.stringValue.flatMap { text in
                    !text.isEmpty && text.count <= 18 && text.utf8.allSatisfy { (0x30...0x39).contains($0) } ? Int(text) : nil
                }
            }
        }
    }

    struct CancelBody {
        var cancelReason: String?
        var cancelAmount: Int?
        var hasRefundAccount = false

        init(json: JSONNode) throws(JSONFieldError) {
            cancelReason = try json.optional("cancelReason", \.stringValue)
            cancelAmount = try json.optional("cancelAmount", \.intValue)
            hasRefundAccount = try json.optional("refundReceiveAccount") { node in
                node.isObject ? ["bank", "accountNumber", "holderName"].allSatisfy { key in
                    (try? node.required(key, \.stringValue)).map { !$0.isEmpty } ?? false
                } : nil
            } ?? false
        }
    }

    func paymentAPI(_ request: HTTPRequest) async -> HTTPResponse {
        guard let route = APIRoute(method: request.method, path: request.path) else {
            return Self.error(SandboxError(code: "NOT_FOUND"))
        }
        let secret: String
        switch BasicAuth.parse(request.headers["Authorization"]) {
        case .missing: return Self.error(SandboxError(code: "UNAUTHORIZED_KEY"))
        case .malformed: return Self.error(SandboxError(code: "INCORRECT_BASIC_AUTH_FORMAT"))
        case .secret(let value): secret = value
        }
        guard let merchant = merchant(secretKey: secret) else {
            return Self.error(SandboxError(code: "UNAUTHORIZED_KEY"))
        }
        let idempotencyKey = request.headers["Idempotency-Key"]
        if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.count > 300 {
            return Self.error(.invalidRequest("Idempotency-Key는 1자 이상 300자 이하여야 합니다."))
        }
        let confirmBody: ConfirmBody? = switch route {
        case .confirm: RequestBody.read(request.body) { json throws(JSONFieldError) in try ConfirmBody(json: json) }
        case .legacyConfirm(let paymentKey):
            RequestBody.read(request.body) { json throws(JSONFieldError) in try ConfirmBody(json: json, pathPaymentKey: paymentKey) }
        default: nil
        }

        let fault = lock.withLock { faults.take(for: route.operation, random: Double.random(in: 0..<1)) }
        if fault.latencyMs > 0 { try? await Task.sleep(for: .milliseconds(fault.latencyMs)) }
        switch fault.mode {
        case .timeout:
            // The request never reached Toss: nothing is executed, logged as unanswered, and
            // nothing is stored under the Idempotency-Key (a retry with it is executed).
            if route.isConfirm {
                logConfirm(confirmBody, idempotencyKey: idempotencyKey, status: 0, code: nil, replayed: false,
                           applied: false, fault: fault.mode.rawValue)
            }
            await hang()
            return .dropConnection
        case .none, .applyThenDrop, .applyThenTimeout, .http500, .providerError:
            break
        }

        // An injected 500 or PROVIDER_ERROR is an answer Toss gave: like every answer to a POST
        // with an Idempotency-Key it is stored and replayed for a repeat with the same key.
        let injected: SandboxError? = switch fault.mode {
        case .http500: SandboxError(code: "FAILED_INTERNAL_SYSTEM_PROCESSING")
        case .providerError: SandboxError(code: "PROVIDER_ERROR")
        default: nil
        }
        let (response, changed) = execute(route, request: request, merchant: merchant, secret: secret,
                                          idempotencyKey: idempotencyKey, confirmBody: confirmBody,
                                          injected: injected, fault: fault.mode == .none ? nil : fault.mode.rawValue)
        if let changed { announce(changed, baseURL: baseURL(for: request)) }
        switch fault.mode {
        case .applyThenDrop:
            return .dropConnection
        case .applyThenTimeout:
            await hang()
            return .dropConnection
        default:
            return response
        }
    }

    /// Runs one call atomically with its idempotency bookkeeping, so two concurrent retries with
    /// the same key cannot both act. Returns the answer and, when the status changed, the payment
    /// for the webhook.
    private func execute(_ route: APIRoute, request: HTTPRequest, merchant: MerchantKeys, secret: String,
                         idempotencyKey: String?, confirmBody: ConfirmBody?, injected: SandboxError?,
                         fault: String?) -> (HTTPResponse, SandboxPayment?) {
        lock.withLock {
            let now = nowLocked
            var storeKey: String?
            if request.method == "POST", let idempotencyKey {
                let key = IdempotencyStore.key(secret: secret, method: request.method, path: request.path,
                                               idempotencyKey: idempotencyKey)
                if let stored = idempotency.lookup(key, now: now) {
                    if route.isConfirm {
                        appendConfirmLog(confirmBody, idempotencyKey: idempotencyKey, status: stored.status,
                                         code: stored.code, replayed: true, applied: false, fault: fault, now: now)
                    }
                    return (.json(stored.status, stored.body), nil)
                }
                storeKey = key
            }

            let result: Result<SandboxPayment, SandboxError>
            var changesStatus = false
            let testCode = Self.testCode(request, secret: secret)
            switch route {
            case _ where injected != nil:
                result = .failure(injected ?? SandboxError(code: "FAILED_INTERNAL_SYSTEM_PROCESSING"))
            case .confirm, .legacyConfirm:
                result = confirm(confirmBody, merchant: merchant, secret: secret, testCode: testCode, now: now)
                changesStatus = true
            case _ where testCode != nil:
                // Forced errors work on every API with a test key, as at Toss; nothing is touched.
                result = .failure(SandboxError(code: testCode ?? ""))
            case .lookup(let paymentKey):
                result = ledger.payment(paymentKey: paymentKey, merchantId: merchant.merchantId, now: now)
                    .map { .success($0) } ?? .failure(SandboxError(code: "NOT_FOUND_PAYMENT"))
            case .lookupOrder(let orderId):
                result = ledger.payment(orderId: orderId, merchantId: merchant.merchantId, now: now)
                    .map { .success($0) } ?? .failure(SandboxError(code: "NOT_FOUND_PAYMENT"))
            case .cancel(let paymentKey):
                result = cancel(paymentKey: paymentKey, body: request.body, merchant: merchant, now: now)
                changesStatus = true
            }

            let status: Int
            let body: String
            var changed: SandboxPayment?
            switch result {
            case .success(let payment):
                status = 200
                body = payment.jsonObject(baseURL: baseURL(for: request)).text
                if changesStatus { changed = payment }
            case .failure(let error):
                status = error.status
                body = error.jsonObject.text
            }
            if let storeKey {
                idempotency.store(storeKey, status: status, body: body, code: result.failureCode, now: now)
            }
            if route.isConfirm {
                let code = result.failureCode
                appendConfirmLog(confirmBody, idempotencyKey: idempotencyKey, status: status, code: code,
                                 replayed: false, applied: changed != nil, fault: fault, now: now)
            }
            return (.json(status, body), changed)
        }
    }

    private func confirm(_ body: ConfirmBody?, merchant: MerchantKeys, secret: String, testCode: String?,
                         now: Date) -> Result<SandboxPayment, SandboxError> {
        guard let body, let paymentKey = body.paymentKey, let orderId = body.orderId, let amount = body.amount else {
            return .failure(Self.confirmBodyProblem(body))
        }
        // Forced errors only work with test keys, as in Toss; the payment is left untouched.
        if let testCode { return .failure(SandboxError(code: testCode)) }
        do throws(SandboxError) {
            return .success(try ledger.confirm(paymentKey: paymentKey, orderId: orderId, amount: amount,
                                               merchantId: merchant.merchantId,
                                               secretKind: KeyKind.of(secret), now: now))
        } catch {
            return .failure(error)
        }
    }

    /// `TossPayments-Test-Code`, honoured with test keys only (a live key ignores it, as at Toss).
    static func testCode(_ request: HTTPRequest, secret: String) -> String? {
        guard let code = request.headers["TossPayments-Test-Code"]?.trimmingCharacters(in: .whitespaces),
              !code.isEmpty, secret.hasPrefix("test_") else { return nil }
        return code
    }

    private func cancel(paymentKey: String, body: [UInt8], merchant: MerchantKeys,
                        now: Date) -> Result<SandboxPayment, SandboxError> {
        guard let body = RequestBody.read(body, CancelBody.init(json:)) else {
            return .failure(.invalidRequest("요청 본문을 읽을 수 없습니다."))
        }
        guard let reason = body.cancelReason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(.invalidRequest("cancelReason은 필수 값입니다."))
        }
        guard reason.count <= 200 else { return .failure(.invalidRequest("cancelReason은 200자 이하여야 합니다.")) }
        do throws(SandboxError) {
            return .success(try ledger.cancel(paymentKey: paymentKey, reason: reason, amount: body.cancelAmount,
                                              merchantId: merchant.merchantId, hasRefundAccount: body.hasRefundAccount, now: now))
        } catch {
            return .failure(error)
        }
    }

    /// Names the field that is missing or unreadable, as Toss's INVALID_REQUEST messages do.
    static func confirmBodyProblem(_ body: ConfirmBody?) -> SandboxError {
        guard let body else {
            return .invalidRequest("요청 본문이 올바른 JSON이 아니거나 amount가 숫자가 아닙니다.")
        }
        let missing = [("paymentKey", body.paymentKey == nil), ("orderId", body.orderId == nil),
                       ("amount", body.amount == nil)].filter(\.1).map(\.0)
        return .invalidRequest("필수 파라미터가 누락되었습니다: " + missing.joined(separator: ", "))
    }

    private func logConfirm(_ body: ConfirmBody?, idempotencyKey: String?, status: Int, code: String?,
                            replayed: Bool, applied: Bool, fault: String?) {
        lock.withLock {
            appendConfirmLog(body, idempotencyKey: idempotencyKey, status: status, code: code,
                             replayed: replayed, applied: applied, fault: fault, now: nowLocked)
        }
    }

    /// Call under `lock`.
    private func appendConfirmLog(_ body: ConfirmBody?, idempotencyKey: String?, status: Int, code: String?,
                                  replayed: Bool, applied: Bool, fault: String?, now: Date) {
        confirmLog.append(orderId: body?.orderId ?? "", .init(
            at: now, paymentKey: body?.paymentKey ?? "", amount: body?.amount, idempotencyKey: idempotencyKey,
            status: status, code: code, replayed: replayed, applied: applied, fault: fault))
    }
}

private extension Result where Failure == SandboxError {
    var failureCode: String? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
