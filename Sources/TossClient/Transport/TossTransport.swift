import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the raw answer. Small on purpose: the client's logic
/// (auth, classification, timeouts) is tested with an in-process transport, no sockets.
package protocol TossTransport: Sendable {
    func send(_ request: URLRequest) async throws -> TossHTTPReply
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
