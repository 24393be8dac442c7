import Dispatch
import Foundation
import JSON

/// The Toss Payments server API: confirm, look up (by paymentKey or orderId), cancel.
///
/// Every call answers a `TossResult` that says what the booking may conclude; nothing throws.
/// The secret key goes into the `Authorization` header only: never into logs, results or
/// descriptions.
package struct TossClient: Sendable, CustomStringConvertible {
    package let configuration: TossClientConfiguration
    private let transport: TossTransport
    private let log: @Sendable (String) -> Void

    /// - Parameters:
    ///   - transport: nil for the configuration's kind (libcurl unless it says URLSession);
    ///     `ResponderTossTransport(sandbox)` (TestSupport) in tests.
    ///   - log: one line per call (operation, path, status, result); never headers.
    package init(configuration: TossClientConfiguration, transport: TossTransport? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.transport = transport ?? Self.makeTransport(configuration)
        self.log = log
    }

    package var description: String { "TossClient(\(configuration))" }

    private static func makeTransport(_ configuration: TossClientConfiguration) -> TossTransport {
        switch configuration.transport {
        case .curl:
            CurlTossTransport(connectTimeout: configuration.connectTimeout, totalTimeout: configuration.totalTimeout)
        case .urlSession:
            URLSessionTossTransport(connectTimeout: configuration.connectTimeout, totalTimeout: configuration.totalTimeout)
        }
    }

    // MARK: - API

    /// `POST /v1/payments/confirm`: the call that moves money.
    package func confirm(paymentKey: String, orderId: String, amount: Int, idempotencyKey: String?) async -> TossResult {
        await call("confirm", method: "POST", path: "/v1/payments/confirm",
                   body: ["paymentKey": .string(paymentKey), "orderId": .string(orderId), "amount": .int(amount)],
                   idempotencyKey: idempotencyKey)
    }

    /// `GET /v1/payments/{paymentKey}`.
    package func payment(paymentKey: String) async -> TossResult {
        await call("lookup", method: "GET", path: "/v1/payments/" + Self.pathSegment(paymentKey))
    }

    /// `GET /v1/payments/orders/{orderId}`: the reconciliation source.
    package func payment(orderId: String) async -> TossResult {
        await call("lookup", method: "GET", path: "/v1/payments/orders/" + Self.pathSegment(orderId))
    }

    /// `POST /v1/payments/{paymentKey}/cancel`; `amount` nil cancels the whole balance.
    package func cancel(paymentKey: String, reason: String, amount: Int?, idempotencyKey: String?) async -> TossResult {
        var body: JSONValue = ["cancelReason": .string(reason)]
        if let amount { body.set("cancelAmount", .int(amount)) }
        return await call("cancel", method: "POST", path: "/v1/payments/" + Self.pathSegment(paymentKey) + "/cancel",
                          body: body, idempotencyKey: idempotencyKey)
    }

    // MARK: - One call

    private func call(_ operation: String, method: String, path: String, body: JSONValue? = nil,
                      idempotencyKey: String? = nil) async -> TossResult {
        let request = makeRequest(method: method, path: path, body: body, idempotencyKey: idempotencyKey)
        let result: TossResult
        do {
            let reply = try await withTotalTimeout { try await transport.send(request) }
            result = TossResponseClassifier.classify(status: reply.status, body: reply.body, lookup: operation == "lookup")
            log("toss \(operation) \(method) \(path) -> HTTP \(reply.status) \(result.summary)")
        } catch let error as TossTransportError {
            result = .unknownOutcome(reason: error.description)
            log("toss \(operation) \(method) \(path) -> \(result.summary)")
        } catch {
            result = .unknownOutcome(reason: error is CancellationError ? "cancelled" : "transport error")
            log("toss \(operation) \(method) \(path) -> \(result.summary)")
        }
        return result
    }

    func makeRequest(method: String, path: String, body: JSONValue?, idempotencyKey: String?) -> TossHTTPRequest {
        let base = configuration.baseURL.absoluteString.hasSuffix("/")
            ? String(configuration.baseURL.absoluteString.dropLast()) : configuration.baseURL.absoluteString
        var headers: [(name: String, value: String)] = [
            ("Authorization", configuration.authorizationHeader),
            ("Accept-Language", configuration.acceptLanguage),
            ("Accept", "application/json"),
        ]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return TossHTTPRequest(method: method, url: base + path, headers: headers, body: body?.bytes)
    }

    /// Races the call against `totalTimeout` and returns as soon as either finishes. The loser
    /// is cancelled but never awaited: a transport that ignores cancellation (URLSession on
    /// Linux can) must not hold the booking past the deadline.
    private func withTotalTimeout(_ body: @escaping @Sendable () async throws -> TossHTTPReply) async throws -> TossHTTPReply {
        let limit = configuration.totalTimeout
        let race = FirstResult<TossHTTPReply>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.install(continuation)
                let work = Task {
                    do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
                }
                // A dispatch timer, not a sleeping Task: a cancelled `Task.sleep` on Linux keeps
                // its allocation and its timer until the deadline, i.e. 30 s of every call's
                // timer pile up under load (seen with heaptrack in the confirm benchmark).
                let timer = DeadlineTimer(after: limit, queue: Self.timerQueue) {
                    race.finish(.failure(TossTransportError.timedOut))
                }
                race.whenFinished { work.cancel(); timer.cancel() }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    private static let timerQueue = DispatchQueue(label: "yeyak.toss-client.timeouts")

    /// Percent-encodes a path segment (orderIds and paymentKeys are URL-safe, but be sure).
    static func pathSegment(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
