/// How much a client may send before the parser refuses it.
///
/// Every limit is checked while bytes arrive (never after buffering them all), so a hostile peer
/// costs at most these many bytes of memory per connection.
package struct HTTPLimits: Sendable, Equatable {
    /// Longest request line (`GET /path HTTP/1.1`, without CRLF); beyond it: 414.
    package var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header block after the request line (all field lines with their CRLFs); beyond it: 431.
    package var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields; beyond it: 431.
    package var maxHeaderCount: Int = 100
    /// Largest body, compared with the declared `Content-Length` before any allocation; beyond it: 413.
    package var maxBodyBytes: Int = 1024 * 1024

    package init(
        maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 16 * 1024,
        maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// The largest body a request may have, by method and decoded path: the server's routes know
/// which paths take a body (the booking service: 16 KiB for reservations and webhooks, 0 for the
/// rest). Applied before any body byte is read; capped by `HTTPLimits.maxBodyBytes`. A request
/// with a declared body over its route's limit gets 413 and is closed.
package typealias BodyLimitRule = @Sendable (_ method: String, _ path: String) -> Int
