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

/// The real transport: URLSession, no cookies, no cache, and what an outside review found a
/// receiver could otherwise do to us:
/// - **no redirects**: a 3xx is the answer (not 2xx, so not delivered), never followed, so a
///   receiver cannot point the service at its own metrics port or at `file://` and have that
///   counted as delivered;
/// - **the status is all we read**: the task is cancelled once the head arrives, so a 2 GiB body
///   costs nothing;
/// - **one deadline per attempt** (`timeout`, whole attempt), so a receiver trickling one byte
///   every few seconds cannot hold a delivery open and stall the next pass;
/// - **cancellable**: stopping the service cancels the request in flight (the event stays due
///   and goes again after the restart, same event id).
package final class URLSessionWebhookTransport: WebhookTransport, @unchecked Sendable {
    private let session: URLSession
    private let delegate = HeadOnlyDelegate()
    private let timeout: TimeInterval

    package init(timeout: TimeInterval = 10) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    package func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> WebhookReply {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        let task = session.dataTask(with: request)
        let attempt = Attempt()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WebhookReply, Never>) in
                attempt.start(continuation)
                delegate.register(task, attempt)
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak task] in
                    if attempt.finish(.failed("timed out")) { task?.cancel() }
                }
                task.resume()
                if Task.isCancelled, attempt.finish(.failed("cancelled: the service is stopping")) { task.cancel() }
            }
        } onCancel: {
            if attempt.finish(.failed("cancelled: the service is stopping")) { task.cancel() }
        }
    }
}

/// One POST's answer, given exactly once, by whichever comes first: the response head, an
/// error, the deadline or cancellation.
private final class Attempt: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<WebhookReply, Never>?
    private var early: WebhookReply?
    private var done = false

    func start(_ continuation: CheckedContinuation<WebhookReply, Never>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// True for the first answer (the caller then cancels the task if it should stop).
    @discardableResult
    func finish(_ reply: WebhookReply) -> Bool {
        lock.lock()
        guard !done else { lock.unlock(); return false }
        done = true
        let waiting = continuation
        continuation = nil
        if waiting == nil { early = reply }
        lock.unlock()
        waiting?.resume(returning: reply)
        return true
    }
}

/// Answers each task with its status as soon as the head arrives, refuses every redirect, and
/// turns transport errors into a reason for the delivery log.
private final class HeadOnlyDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var attempts: [Int: Attempt] = [:]

    func register(_ task: URLSessionTask, _ attempt: Attempt) {
        lock.lock(); attempts[task.taskIdentifier] = attempt; lock.unlock()
    }

    private func attempt(_ task: URLSessionTask, remove: Bool = false) -> Attempt? {
        lock.lock(); defer { lock.unlock() }
        return remove ? attempts.removeValue(forKey: task.taskIdentifier) : attempts[task.taskIdentifier]
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)  // the 3xx itself completes the task: not delivered
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse, let attempt = attempt(dataTask) {
            attempt.finish(.status(http.statusCode))
        }
        completionHandler(.cancel)  // the status is all a delivery needs; the body is never read
        dataTask.cancel()
    }

    /// Should body bytes arrive anyway, they are dropped (never gathered) and the task ends.
    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        dataTask.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let attempt = attempt(task, remove: true) else { return }
        if let http = task.response as? HTTPURLResponse {
            attempt.finish(.status(http.statusCode))
        } else if let error = error as? URLError {
            attempt.finish(.failed(error.code == .timedOut ? "timed out" : "URLError \(error.code.rawValue)"))
        } else {
            attempt.finish(.failed(error.map { "\($0)" } ?? "no response"))
        }
    }
}
