import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers one webhook POST; injectable so tests can fail deliveries on purpose.
public protocol WebhookSender: Sendable {
    /// Returns the HTTP status, or nil when nothing came back (connection error, timeout).
    func post(_ body: Data, to url: URL) async -> Int?
}

/// Real delivery over URLSession.
public struct URLSessionWebhookSender: WebhookSender {
    private let timeout: TimeInterval

    public init(timeout: TimeInterval = 10) { self.timeout = timeout }

    public func post(_ body: Data, to url: URL) async -> Int? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        guard let (_, response) = try? await session.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }
}
