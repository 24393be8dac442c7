import Foundation

/// Sends one HTTP request and returns the raw answer. Small on purpose: the client's logic
/// (auth, classification, timeouts) is tested with an in-process transport, no sockets.
package protocol TossTransport: Sendable {
    func send(_ request: TossHTTPRequest) async throws -> TossHTTPReply
}

/// One call as the client made it. Plain values rather than Foundation's `URLRequest`, so the
/// confirm path builds nothing of FoundationNetworking (only the URLSession transport converts).
package struct TossHTTPRequest: Sendable {
    package var method: String
    /// Absolute, e.g. `https://api.tosspayments.com/v1/payments/confirm`.
    package var url: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]?

    package init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of `name`, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets `name` to `value`, replacing every earlier value.
    package mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }
}

package struct TossHTTPReply: Sendable {
    package var status: Int
    package var body: Data

    package init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Why no answer came back. Descriptions never include request headers (the secret).
package enum TossTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut
    /// The connection closed before an answer arrived.
    case connectionClosed
    case connectionFailed(String)
    /// The answer passed the transport's limit and was not read further.
    case answerTooLarge(limit: Int)

    package var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .connectionClosed: return "connection closed without an answer"
        case .connectionFailed(let detail): return "connection failed: \(detail)"
        case .answerTooLarge(let limit): return "answer larger than \(limit) bytes"
        }
    }
}
