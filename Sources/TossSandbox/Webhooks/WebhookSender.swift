import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers one webhook POST; injectable so tests can fail deliveries on purpose.
package protocol WebhookSender: Sendable {
    /// Returns the HTTP status, or nil when nothing came back (connection error, timeout).
    /// `headers` are Toss's `tosspayments-webhook-transmission-*` headers for this attempt.
    func post(_ body: Data, headers: [(String, String)], to url: URL) async -> Int?
}

/// Real delivery over URLSession.
package struct URLSessionWebhookSender: WebhookSender {
    private let timeout: TimeInterval

    package init(timeout: TimeInterval = 10) { self.timeout = timeout }

    package func post(_ body: Data, headers: [(String, String)], to url: URL) async -> Int? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        // A completion-handler task, cancelled explicitly: cancelling a Swift task that waits in
        // `URLSession.data(for:)` can deadlock in swift-corelibs-foundation.
        let running = RunningDataTask()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int?, Never>) in
                let task = session.dataTask(with: request) { _, response, _ in
                    continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode)
                }
                running.start(task)
            }
        } onCancel: {
            running.cancel()
        }
    }
}

/// The data task a webhook delivery waits on, so cancellation can reach it from any thread.
final class RunningDataTask: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        let cancelNow = lock.withLock { () -> Bool in
            self.task = task
            return cancelled
        }
        task.resume()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        let task = lock.withLock { () -> URLSessionDataTask? in
            cancelled = true
            return self.task
        }
        task?.cancel()
    }
}
