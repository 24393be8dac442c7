import Foundation
import XCTest
import HTTPServer
import TestSupport

/// Access-log lines collected from the server thread.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    var accessLog: AccessLog { AccessLog.lines { [self] line in lock.withLock { collected.append(line) } } }
    var lines: [String] { lock.withLock { collected } }
}

/// A flag set on one task and polled on another.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }

    /// Polls for up to `seconds`; true once set.
    func wait(seconds: Double) async -> Bool {
        for _ in 0..<Int(seconds * 50) {
            if isSet { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return isSet
    }
}

/// Answers `METHOD /path` in the body, so tests can see which request was answered.
let echoResponder = ClosureResponder { request in
    .text(200, "\(request.method) \(request.path)")
}

extension XCTestCase {
    /// A server on an ephemeral port of 127.0.0.1, shut down when the test ends.
    func startServer(
        responder: any HTTPResponder = echoResponder, log: LogCollector = LogCollector(),
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in }
    ) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: responder, accessLog: log.accessLog)
        try server.start()
        addTeardownBlock { await server.shutdown() }
        return server
    }
}

extension RawHTTPClient {
    /// Sends and ignores a reset: the server may close early on purpose (e.g. after a 414).
    func sendIgnoringErrors(_ bytes: [UInt8], oneByteAtATime: Bool = false) {
        do {
            if oneByteAtATime { try sendByteAtATime(bytes) } else { try send(bytes) }
        } catch {}
    }
}
