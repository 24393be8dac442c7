import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: one URLSession with the connect and total timeouts, no cookies, no cache.
package final class URLSessionTossTransport: TossTransport, @unchecked Sendable {
    private let session: URLSession

    package init(connectTimeout: TimeInterval, totalTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = connectTimeout
        // Foundation's default of 6 connections per host capped confirms in flight at 6: with a
        // real Toss round trip of a few hundred ms that is 20-60 confirms/s for the whole service.
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    package func send(_ request: URLRequest) async throws -> TossHTTPReply {
        do {
            let (data, response) = try await dataTask(request)
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

    /// A data task whose cancellation really cancels it (the async `data(for:)` of
    /// swift-corelibs-foundation does not always stop on task cancellation).
    private func dataTask(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let race = FirstResult<DataAndResponse>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.install(continuation)
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        race.finish(.failure(error))
                    } else if let response {
                        race.finish(.success(DataAndResponse(data: data ?? Data(), response: response)))
                    } else {
                        race.finish(.failure(URLError(.badServerResponse)))
                    }
                }
                race.whenFinished { task.cancel() }
                task.resume()
            }
        } onCancel: {
            race.finish(.failure(URLError(.cancelled)))
        }.tuple
    }
}

private struct DataAndResponse: @unchecked Sendable {
    let data: Data
    let response: URLResponse
    var tuple: (Data, URLResponse) { (data, response) }
}
