import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: one URLSession with the connect and total timeouts, no cookies, no cache.
public final class URLSessionTossTransport: TossTransport, @unchecked Sendable {
    private let session: URLSession

    public init(connectTimeout: TimeInterval, totalTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = connectTimeout
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: URLRequest) async throws -> TossHTTPReply {
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw TossTransportError.connectionClosed }
            return TossHTTPReply(status: http.statusCode, body: data)
        } catch let error as URLError {
            switch error.code {
            case .timedOut: throw TossTransportError.timedOut
            case .networkConnectionLost, .badServerResponse, .zeroByteResource:
                throw TossTransportError.connectionClosed
            default: throw TossTransportError.connectionFailed("URLError \(error.code.rawValue)")
            }
        }
    }
}
