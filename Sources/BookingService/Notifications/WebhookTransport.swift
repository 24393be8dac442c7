import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

/// The real transport: URLSession, no cookies, no cache, a total timeout per attempt.
package final class URLSessionWebhookTransport: WebhookTransport, @unchecked Sendable {
    private let session: URLSession

    package init(timeout: TimeInterval = 10) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    package func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> WebhookReply {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        return await withCheckedContinuation { continuation in
            session.dataTask(with: request) { _, response, error in
                if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: .status(http.statusCode))
                } else if let error = error as? URLError {
                    continuation.resume(returning: .failed(error.code == .timedOut ? "timed out" : "URLError \(error.code.rawValue)"))
                } else {
                    continuation.resume(returning: .failed(error.map { "\($0)" } ?? "no response"))
                }
            }.resume()
        }
    }
}
