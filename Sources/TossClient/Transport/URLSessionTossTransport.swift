import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: one URLSession with the connect and total timeouts, no cookies, no cache,
/// and a bound on how much of an answer is read.
package final class URLSessionTossTransport: TossTransport, @unchecked Sendable {
    /// Toss's answers are a few KiB (a Payment with its cancels); a 192 MiB answer read whole
    /// raised peak memory by ~390 MiB, and the reconciler repeats lookups.
    package static let defaultAnswerLimit = 256 * 1024

    private let session: URLSession
    private let reads: BoundedReads
    private let connectTimeout: TimeInterval

    package init(connectTimeout: TimeInterval, totalTimeout: TimeInterval,
                 answerLimit: Int = URLSessionTossTransport.defaultAnswerLimit) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = connectTimeout
        // Foundation's default of 6 connections per host capped confirms in flight at 6: with a
        // real Toss round trip of a few hundred ms that is 20-60 confirms/s for the whole service.
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        reads = BoundedReads(limit: answerLimit)
        self.connectTimeout = connectTimeout
        session = URLSession(configuration: configuration, delegate: reads, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    package func send(_ request: TossHTTPRequest) async throws -> TossHTTPReply {
        guard let url = URL(string: request.url) else { throw TossTransportError.connectionFailed("not a URL") }
        var urlRequest = URLRequest(url: url, timeoutInterval: connectTimeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body.map { Data($0) }
        do {
            let (data, response) = try await dataTask(urlRequest)
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
                let task = session.dataTask(with: request)
                reads.start(task) { race.finish($0) }
                race.whenFinished { task.cancel() }
                task.resume()
            }
        } onCancel: {
            race.finish(.failure(URLError(.cancelled)))
        }.tuple
    }
}

/// The session's delegate: collects each task's body and cancels a task once its answer passes
/// `limit`; that task then finishes with `TossTransportError.answerTooLarge`. Bytes are counted
/// as they arrive, whatever Content-Length says (corelibs ignores a `.cancel` disposition).
private final class BoundedReads: NSObject, URLSessionDataDelegate, Sendable {
    private struct Read {
        var body = Data()
        var tooLarge = false
        let finish: @Sendable (Result<DataAndResponse, Error>) -> Void
    }
    private let limit: Int
    private let inFlight = Mutex<[Int: Read]>([:])

    init(limit: Int) { self.limit = limit }

    func start(_ task: URLSessionTask, finish: @escaping @Sendable (Result<DataAndResponse, Error>) -> Void) {
        inFlight.withLock { $0[task.taskIdentifier] = Read(finish: finish) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = inFlight.withLock { reads -> Bool in
            guard var read = reads[dataTask.taskIdentifier], !read.tooLarge else { return false }
            if read.body.count + data.count > limit {
                read.tooLarge = true
                read.body = Data()
            } else {
                read.body.append(data)
            }
            reads[dataTask.taskIdentifier] = read
            return read.tooLarge
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let read = inFlight.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if read.tooLarge {
            read.finish(.failure(TossTransportError.answerTooLarge(limit: limit)))
        } else if let error {
            read.finish(.failure(error))
        } else if let response = task.response {
            read.finish(.success(DataAndResponse(data: read.body, response: response)))
        } else {
            read.finish(.failure(URLError(.badServerResponse)))
        }
    }
}

private struct DataAndResponse: @unchecked Sendable {
    let data: Data
    let response: URLResponse
    var tuple: (Data, URLResponse) { (data, response) }
}
