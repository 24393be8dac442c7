import Foundation
import TossClient

/// What one webhook POST got: an HTTP status, or why there was none.
package enum WebhookReply: Sendable, Equatable {
    case status(Int)
    case failed(String)

    /// For the delivery log: "200", "503", "timed out".
    package var summary: String {
        switch self {
        case .status(let code): "\(code)"
        case .failed(let reason): reason
        }
    }
}

/// Sends one webhook; behind a protocol so tests can stand in for the network.
package protocol WebhookTransport: Sendable {
    func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> WebhookReply
}

/// The real transport: the libcurl loop the Toss client uses (`CurlTossTransport`), with what
/// an outside review found a receiver could otherwise do to us:
/// - **no redirects**: a 3xx is the answer (not 2xx, so not delivered), never followed, so a
///   receiver cannot point the service at its own metrics port or at `file://` and have that
///   counted as delivered;
/// - **a bounded answer**: the body is not needed; past `answerLimit` bytes the call ends and the
///   attempt counts as failed (a receiver answers 2xx with a short body), so a 2 GiB answer costs
///   at most that much memory (URLSession queued what it had read before its cancel landed);
/// - **one deadline per attempt** (`timeout`, connect to last byte), so a receiver trickling one
///   byte every few seconds cannot hold a delivery open and stall the next pass;
/// - **cancellable**: stopping the service cancels the request in flight (the event stays due
///   and goes again after the restart, same event id).
package final class CurlWebhookTransport: WebhookTransport, Sendable {
    private let curl: CurlTossTransport

    package init(timeout: TimeInterval = 10, answerLimit: Int = 64 * 1024) {
        curl = CurlTossTransport(connectTimeout: min(timeout, 5), totalTimeout: timeout, answerLimit: answerLimit,
                                 connectionsPerHost: 4)
    }

    package func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> WebhookReply {
        let request = TossHTTPRequest(method: "POST", url: url.absoluteString,
                                      headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
        do {
            return .status(try await curl.send(request).status)
        } catch is CancellationError {
            return .failed("cancelled: the service is stopping")
        } catch let error as TossTransportError {
            return .failed(error.description)
        } catch {
            return .failed("\(error)")
        }
    }
}
