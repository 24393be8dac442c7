#if canImport(Glibc)
import Glibc
#endif

/// One answered request, as the access log records it.
public struct AccessLogEntry: Sendable, Equatable {
    /// `-` when the request line could not be parsed.
    public var method: String
    /// The raw path without the query (never decoded, so a `%0A` cannot forge log lines).
    public var path: String
    /// 0 when the responder asked to drop the connection.
    public var status: Int
    /// Body bytes written.
    public var bytes: Int
    /// From the complete request to the last byte written.
    public var duration: Duration

    public init(method: String, path: String, status: Int, bytes: Int, duration: Duration) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.duration = duration
    }

    /// `GET /restaurant/ 200 5120 1.3ms`: method, path, status, body bytes, milliseconds.
    public var line: String {
        let tenthsOfMilliseconds = duration.components.seconds * 10_000
            + duration.components.attoseconds / 100_000_000_000_000
        return "\(method) \(path) \(status) \(bytes) \(tenthsOfMilliseconds / 10).\(tenthsOfMilliseconds % 10)ms"
    }
}

/// Where access-log lines go: standard error by default, a closure in tests.
public struct AccessLog: Sendable {
    private let sink: @Sendable (AccessLogEntry) -> Void

    public init(_ sink: @escaping @Sendable (AccessLogEntry) -> Void) {
        self.sink = sink
    }

    /// Receives each formatted line (without the newline).
    public static func lines(_ write: @escaping @Sendable (String) -> Void) -> AccessLog {
        AccessLog { write($0.line) }
    }

    public static let standardError = AccessLog.lines { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    public func record(_ entry: AccessLogEntry) { sink(entry) }
}
