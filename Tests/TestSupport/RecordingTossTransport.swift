import Foundation
import Synchronization
import TossClient

/// A transport in front of another that remembers every call (method, path, Idempotency-Key)
/// and can add headers to chosen calls, e.g. `TossPayments-Test-Code` to make Toss (the
/// sandbox) refuse one operation with a chosen code.
package final class RecordingTossTransport: TossTransport, Sendable {
    package struct Call: Sendable, Equatable {
        package let method: String
        package let path: String
        package let idempotencyKey: String?
    }

    private let inner: TossTransport
    private let state = Mutex<(calls: [Call], headers: [(pathSuffix: String, name: String, value: String)])>(([], []))

    package init(_ inner: TossTransport) { self.inner = inner }

    package var calls: [Call] { state.withLock { $0.calls } }

    /// Adds `name: value` to every call whose path ends with `pathSuffix` (e.g. "/cancel").
    package func addHeader(_ name: String, _ value: String, toPathsEndingWith pathSuffix: String) {
        state.withLock { $0.headers.append((pathSuffix, name, value)) }
    }

    /// Stops adding headers.
    package func removeHeaders() { state.withLock { $0.headers = [] } }

    package func send(_ request: TossHTTPRequest) async throws -> TossHTTPReply {
        var request = request
        let path = URLComponents(string: request.url)?.path ?? ""
        let extra = state.withLock { state -> [(String, String)] in
            state.calls.append(Call(method: request.method, path: path, idempotencyKey: request.header("Idempotency-Key")))
            return state.headers.filter { path.hasSuffix($0.pathSuffix) }.map { ($0.name, $0.value) }
        }
        for (name, value) in extra { request.setHeader(name, value) }
        return try await inner.send(request)
    }
}
