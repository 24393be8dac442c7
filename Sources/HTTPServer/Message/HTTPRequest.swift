/// A complete, validated HTTP/1.x request as handed to a responder.
///
/// By the time a responder sees it, the parser has already enforced the limits and syntax
/// rules (see `../shared/http-checklist.md`); `path` is percent-decoded once with dot segments
/// removed, so responders never re-decode.
package struct HTTPRequest: Sendable {
    package var method: String
    /// The request-target exactly as sent, e.g. `/restaurant/confirm/success/?orderId=abc`.
    package var target: String
    /// Percent-decoded path without the query, dot segments removed. Always starts with `/`.
    package var path: String
    /// Decoded query parameters in order (`+` is a space, as in forms).
    package var query: [(name: String, value: String)]
    package var version: HTTPVersion
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// The peer's address for logs, when known.
    package var remoteAddress: String?

    package init(
        method: String, target: String, path: String,
        query: [(name: String, value: String)] = [], version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String? = nil
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first query value named `name`.
    package func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

package struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    package var major: Int
    package var minor: Int
    package init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    package static let http1_0 = HTTPVersion(major: 1, minor: 0)
    package static let http1_1 = HTTPVersion(major: 1, minor: 1)
    package var description: String { "HTTP/\(major).\(minor)" }
}
