import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the raw answer. Small on purpose: the client's logic
/// (auth, classification, timeouts) is tested with an in-process transport, no sockets.
public protocol TossTransport: Sendable {
    func send(_ request: URLRequest) async throws -> TossHTTPReply
}

public struct TossHTTPReply: Sendable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Why no answer came back. Descriptions never include request headers (the secret).
public enum TossTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut
    /// The connection closed before an answer arrived.
    case connectionClosed
    case connectionFailed(String)

    public var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .connectionClosed: return "connection closed without an answer"
        case .connectionFailed(let detail): return "connection failed: \(detail)"
        }
    }
}
