/// An incremental HTTP/1.x request parser: a pure state machine over bytes, no sockets.
///
/// Feed it chunks of any size (one byte at a time works) and it yields complete requests in
/// order, or an error. The rules are deliberately strict (see `http-checklist.md`), because
/// every leniency is a place where we and a proxy in front of us could disagree about where a
/// request ends:
/// - request line `METHOD SP target SP HTTP/1.x` with single spaces; only 1.0 and 1.1 (else 505);
/// - CRLF only: a bare CR *and* a bare LF are both 400 (we do not tolerate bare LF);
/// - up to 4 empty lines before a request line are ignored (browsers may send one after a POST);
/// - header names are tokens, no whitespace before the colon, no obs-fold, no control
///   characters in values; exactly one `Host` for HTTP/1.1;
/// - `Content-Length` as `ContentLengthRule` says (one field, digits only; no list);
///   `Transfer-Encoding` is not supported: with `Content-Length` 400, alone 501 (both close).
/// - limits from `HTTPLimits` are checked as bytes arrive (414, 431, 413 before allocating), and
///   the body limit of the request's route (`BodyLimitRule`) before any body byte is read; a
///   body's memory grows as its bytes arrive, never reserved from the declared length;
/// - `Expect: 100-continue` (HTTP/1.1) sets `expectsContinue` until the server has answered it;
///   any other expectation is 417.
package struct HTTPRequestParser: Sendable {
    /// Where the parser is within the current request; the server picks deadlines from it.
    package enum Phase: Sendable, Equatable {
        /// Between requests with nothing buffered.
        case idle
        /// Some of a request line or header block has arrived.
        case head
        /// The head is complete and body bytes are still expected.
        case body
        /// A closing error was reported; the connection must be closed.
        case failed
    }

    package let limits: HTTPLimits
    /// The largest body for a request's method and path (capped by `limits.maxBodyBytes`).
    package let bodyLimit: BodyLimitRule?
    /// True from the end of a head with `Expect: 100-continue` until the body is complete or
    /// `continueSent()` is called: the server should send `100 Continue` now.
    package private(set) var expectsContinue = false

    private struct Head {
        var method: String
        var rawTarget: ArraySlice<UInt8>
        var version: HTTPVersion
        var headers = HTTPHeaders()
        var headerBytes = 0
    }

    private enum State {
        case requestLine(emptyLinesSeen: Int)
        case headers(Head)
        case body(HTTPRequest, remaining: Int)
        case skippingBody(remaining: Int)
        case failed
    }

    private var state: State = .requestLine(emptyLinesSeen: 0)
    private var buffer: [UInt8] = []
    /// First unconsumed byte in `buffer`.
    private var start = 0
    /// Where the search for the end of the current line resumes, so byte-at-a-time input is
    /// not rescanned from the start of the line each time.
    private var scanIndex = 0

    private static let maxLeadingEmptyLines = 4

    package init(limits: HTTPLimits = HTTPLimits(), bodyLimit: BodyLimitRule? = nil) {
        self.limits = limits
        self.bodyLimit = bodyLimit
    }

    /// The server has written `100 Continue` (or decided not to).
    package mutating func continueSent() { expectsContinue = false }

    /// Bytes this parser holds for the client: unconsumed input plus a partial body.
    package var heldByteCount: Int {
        var held = buffer.count - start
        if case .body(let request, _) = state { held += request.body.count }
        return held
    }

    package var phase: Phase {
        switch state {
        case .requestLine(let emptyLines): return emptyLines == 0 && start == buffer.count ? .idle : .head
        case .headers: return .head
        case .body, .skippingBody: return .body
        case .failed: return .failed
        }
    }

    /// Bytes received but not yet consumed (the start of the next, pipelined requests).
    package var bufferedByteCount: Int { buffer.count - start }

    /// Adds bytes without parsing them; call `next()` to get requests.
    package mutating func append<C: Collection<UInt8>>(_ bytes: C) {
        if case .failed = state { return }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanIndex -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Appends `bytes` and returns every event they complete.
    package mutating func feed<C: Collection<UInt8>>(_ bytes: C) -> [HTTPParserEvent] {
        append(bytes)
        var events: [HTTPParserEvent] = []
        while let event = next() { events.append(event) }
        return events
    }

    /// The next complete request or error from the buffered bytes, or nil when more are needed.
    /// After an error with `closeConnection`, it returns nil forever.
    package mutating func next() -> HTTPParserEvent? {
        do throws(HTTPParseError) {
            while true {
                switch state {
                case .failed:
                    return nil
                case .requestLine(let emptyLines):
                    guard let line = try nextLine(maxLength: limits.maxRequestLineBytes,
                                                  tooLong: HTTPParseError(status: 414, reason: "request line too long"))
                    else { return nil }
                    if line.isEmpty {
                        guard emptyLines < Self.maxLeadingEmptyLines else { throw HTTPParseError.badRequest("empty lines before the request") }
                        state = .requestLine(emptyLinesSeen: emptyLines + 1)
                        continue
                    }
                    state = .headers(try Self.parseRequestLine(line))
                case .headers(var head):
                    let remaining = limits.maxHeaderBytes - head.headerBytes - 2
                    let tooLarge = HTTPParseError(status: 431, reason: "header block too large")
                    guard remaining >= 0 else { throw tooLarge }
                    guard let line = try nextLine(maxLength: remaining, tooLong: tooLarge) else { return nil }
                    head.headerBytes += line.count + 2
                    if line.isEmpty {
                        if let event = try finishHead(head) { return event }
                        continue
                    }
                    guard head.headers.count < limits.maxHeaderCount else {
                        throw HTTPParseError(status: 431, reason: "too many header fields")
                    }
                    let (name, value) = try Self.parseFieldLine(line, isFirst: head.headers.count == 0)
                    head.headers.add(name, value)
                    state = .headers(head)
                case .body(var request, let remaining):
                    let count = min(remaining, buffer.count - start)
                    guard count > 0 else { return nil }
                    request.body.append(contentsOf: buffer[start..<(start + count)])
                    consume(count)
                    if remaining == count {
                        state = .requestLine(emptyLinesSeen: 0)
                        expectsContinue = false
                        return .request(request)
                    }
                    state = .body(request, remaining: remaining - count)
                case .skippingBody(let remaining):
                    let count = min(remaining, buffer.count - start)
                    guard count > 0 else { return nil }
                    consume(count)
                    state = remaining == count ? .requestLine(emptyLinesSeen: 0) : .skippingBody(remaining: remaining - count)
                }
            }
        } catch {
            expectsContinue = false
            if error.closeConnection {
                state = .failed
                buffer = []
                start = 0
                scanIndex = 0
            }
            return .error(error)
        }
    }

    // MARK: - Lines

    private mutating func consume(_ count: Int) {
        start += count
        scanIndex = max(scanIndex, start)
    }

    /// The next CRLF-terminated line (without the CRLF), nil if it has not fully arrived.
    private mutating func nextLine(maxLength: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        var index = max(scanIndex, start)
        while index < buffer.count {
            let byte = buffer[index]
            if byte == HTTPSyntax.cr {
                guard index + 1 < buffer.count else { break }
                guard buffer[index + 1] == HTTPSyntax.lf else { throw .badRequest("bare CR") }
                let line = buffer[start..<index]
                start = index + 2
                scanIndex = start
                return line
            }
            if byte == HTTPSyntax.lf { throw .badRequest("bare LF (lines must end with CRLF)") }
            index += 1
            if index - start > maxLength { throw tooLong }
        }
        scanIndex = index
        return nil
    }

    // MARK: - Request line and fields

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Head {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .badRequest("malformed request line")
        }
        guard HTTPSyntax.isToken(parts[0]) else { throw .badRequest("invalid method") }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: "HTTP/".utf8), version[6] == UInt8(ascii: "."),
              let major = decimalDigit(version[5]), let minor = decimalDigit(version[7]) else {
            throw .badRequest("malformed HTTP version")
        }
        guard major == 1, minor <= 1 else {
            throw HTTPParseError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        return Head(method: String(decoding: parts[0], as: UTF8.self), rawTarget: parts[1],
                    version: HTTPVersion(major: major, minor: minor))
    }

    private static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func parseFieldLine(_ line: ArraySlice<UInt8>, isFirst: Bool) throws(HTTPParseError) -> (String, String) {
        if line.first == HTTPSyntax.space || line.first == HTTPSyntax.tab {
            throw .badRequest(isFirst ? "whitespace before the first header field" : "obsolete line folding")
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon) else { throw .badRequest("header field without a colon") }
        let name = line[line.startIndex..<colon]
        guard HTTPSyntax.isToken(name) else { throw .badRequest("invalid header field name") }
        let value = HTTPSyntax.trimmingOWS(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw .badRequest("control character in a header field value")
        }
        // Values are usually ASCII; anything else is kept byte for byte (Latin-1) if not UTF-8.
        let text = String(validating: value, as: UTF8.self)
            ?? String(String.UnicodeScalarView(value.map { Unicode.Scalar($0) }))
        return (String(decoding: name, as: UTF8.self), text)
    }

    // MARK: - Framing

    /// Decides how the body is framed, then emits the request (no body), starts reading the
    /// body, or reports why the request is refused.
    private mutating func finishHead(_ head: Head) throws(HTTPParseError) -> HTTPParserEvent? {
        let hostCount = head.headers.values(for: "Host").count
        if head.version == .http1_1 ? hostCount != 1 : hostCount > 1 {
            throw .badRequest(hostCount == 0 ? "missing Host header" : "more than one Host header")
        }
        let contentLength = ContentLengthRule.verdict(head.headers)
        if head.headers.contains("Transfer-Encoding") {
            if contentLength != .absent { throw .badRequest("both Transfer-Encoding and Content-Length") }
            throw HTTPParseError(status: 501, reason: "Transfer-Encoding is not supported; send Content-Length")
        }
        var length = 0
        switch contentLength {
        case .absent: break
        case .length(let value): length = value
        case .invalid(let reason): throw .badRequest(reason)
        }
        var wantsContinue = false
        let expectations = head.headers.values(for: "Expect")
        if head.version == .http1_1, !expectations.isEmpty {
            guard expectations.count == 1, expectations[0].lowercased() == "100-continue" else {
                throw HTTPParseError(status: 417, reason: "only Expect: 100-continue is supported")
            }
            wantsContinue = length > 0
        }
        guard length <= limits.maxBodyBytes else {
            throw HTTPParseError(status: 413, reason: "body larger than \(limits.maxBodyBytes) bytes")
        }

        let target: RequestTarget
        do {
            target = try RequestTarget.parse(head.rawTarget, method: head.method)
        } catch {
            // The framing is sound, so the body can be skipped and the connection kept.
            state = length > 0 ? .skippingBody(remaining: length) : .requestLine(emptyLinesSeen: 0)
            return .error(error)
        }
        if let bodyLimit, length > 0 {
            let routeLimit = bodyLimit(head.method, target.path)
            guard length <= routeLimit else {
                // Refused before any body byte is read: the client (told by the 413 instead of
                // a 100) need not send it, and we close, because it may send it anyway.
                throw HTTPParseError(status: 413, reason: routeLimit == 0
                    ? "this path takes no request body" : "body larger than \(routeLimit) bytes for this path")
            }
        }
        let request = HTTPRequest(
            method: head.method, target: String(decoding: head.rawTarget, as: UTF8.self),
            path: target.path, query: target.query, version: head.version, headers: head.headers)
        if length == 0 {
            state = .requestLine(emptyLinesSeen: 0)
            return .request(request)
        }
        // No reserveCapacity(length): memory grows with the bytes that really arrive, so a
        // client that declares 16 KiB and sends 10 bytes costs 10 bytes.
        expectsContinue = wantsContinue
        state = .body(request, remaining: length)
        return nil
    }
}
