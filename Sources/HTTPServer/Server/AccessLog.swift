#if canImport(Glibc)
import Glibc
#endif

/// One answered request, as the access log records it.
package struct AccessLogEntry: Sendable, Equatable {
    /// `-` when the request line could not be parsed.
    package var method: String
    /// The raw path without the query (never decoded, so a `%0A` cannot forge log lines).
    package var path: String
    /// 0 when the responder asked to drop the connection.
    package var status: Int
    /// Body bytes written.
    package var bytes: Int
    /// From the complete request to the last byte written.
    package var duration: Duration

    package init(method: String, path: String, status: Int, bytes: Int, duration: Duration) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.duration = duration
    }

    /// `GET /restaurant/ 200 5120 1.3ms`: method, path, status, body bytes, milliseconds.
    package var line: String {
        let tenthsOfMilliseconds = duration.components.seconds * 10_000
            + duration.components.attoseconds / 100_000_000_000_000
        return "\(method) \(path) \(status) \(bytes) \(tenthsOfMilliseconds / 10).\(tenthsOfMilliseconds % 10)ms"
    }
}

/// Where access-log lines go: standard error by default, a closure in tests.
package struct AccessLog: Sendable {
    private let sink: @Sendable (AccessLogEntry) -> Void

    package init(_ sink: @escaping @Sendable (AccessLogEntry) -> Void) {
        self.sink = sink
    }

    /// Receives each formatted line (without the newline).
    package static func lines(_ write: @escaping @Sendable (String) -> Void) -> AccessLog {
        AccessLog { write($0.line) }
    }

    package static let standardError = AccessLog.lines { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    package func record(_ entry: AccessLogEntry) { sink(entry) }
}
