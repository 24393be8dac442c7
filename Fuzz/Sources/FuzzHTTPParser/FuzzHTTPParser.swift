import HTTPServer

/// libFuzzer entry point: the request parser over hostile bytes.
///
/// Besides "no crash, no hang, no sanitizer report", it checks promises the server relies on:
/// - the parser is incremental: the same bytes fed whole, one byte at a time or in odd chunks
///   give the same requests and errors (a difference is a framing bug, i.e. smuggling);
/// - a closing error ends the stream, bodies have their declared length, and a decoded path never
///   contains `.`/`..` segments, NUL or `\` (the static file handler trusts this).
/// Tight limits in the second pass let short inputs reach the 413/414/431 paths.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for limits in [HTTPLimits(), FuzzLimits.tight] {
        let whole = ParserTranscript(limits: limits, bytes: bytes, chunkSizes: [size])
        let byByte = ParserTranscript(limits: limits, bytes: bytes, chunkSizes: [1])
        let chunked = ParserTranscript(limits: limits, bytes: bytes, chunkSizes: [3, 1, 7, 2, 64, 5])
        guard whole.lines == byByte.lines, whole.lines == chunked.lines else {
            fatalError("""
                parser result depends on how the bytes are split (limits \(limits)):
                whole:   \(whole.lines)
                by byte: \(byByte.lines)
                chunked: \(chunked.lines)
                """)
        }
    }
    // The form decoder sees query strings and the booking form body: it must only throw.
    _ = try? URLEncodedForm.parse(bytes)
    return 0
}

enum FuzzLimits {
    static let tight = HTTPLimits(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 128)
}

/// Everything the parser reported for one way of splitting the input, as comparable text.
struct ParserTranscript {
    var lines: [String] = []

    init(limits: HTTPLimits, bytes: UnsafeBufferPointer<UInt8>, chunkSizes: [Int]) {
        var parser = HTTPRequestParser(limits: limits)
        var offset = 0
        var turn = 0
        var closed = false
        while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, chunkSizes[turn % chunkSizes.count]))
            for event in parser.feed(bytes[offset..<end]) {
                if closed { fatalError("an event after a closing error: \(event)") }
                switch event {
                case .request(let request):
                    Self.check(request)
                    lines.append(Self.describe(request))
                case .error(let error):
                    lines.append("error \(error.status) \(error.reason) close=\(error.closeConnection)")
                    if error.closeConnection {
                        closed = true
                        if parser.phase != .failed { fatalError("closing error but phase \(parser.phase)") }
                    }
                }
            }
            offset = end
            turn += 1
        }
        if closed, parser.next() != nil { fatalError("next() after a closing error returned an event") }
        if parser.bufferedByteCount < 0 || parser.bufferedByteCount > bytes.count {
            fatalError("bufferedByteCount \(parser.bufferedByteCount) for \(bytes.count) input bytes")
        }
        lines.append("end phase=\(parser.phase) buffered=\(parser.bufferedByteCount)")
    }

    static func describe(_ request: HTTPRequest) -> String {
        let headers = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
        let query = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "request \(request.method) \(request.target) path=\(request.path) query=\(query) "
            + "\(request.version) headers=\(headers) body=\(request.body)"
    }

    /// Promises the responders rely on.
    static func check(_ request: HTTPRequest) {
        // The same rule the parser applies: a request it accepted has a valid length or none.
        let declared: Int
        switch ContentLengthRule.verdict(request.headers) {
        case .absent: declared = 0
        case .length(let length): declared = length
        case .invalid(let reason): fatalError("accepted a request whose Content-Length is refused: \(reason)")
        }
        if request.body.count != declared {
            fatalError("body of \(request.body.count) bytes, Content-Length says \(declared)")
        }
        if request.path == "*" { return }
        guard request.path.hasPrefix("/") else { fatalError("path does not start with /: \(request.path)") }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { fatalError("dot segment in \(request.path)") }
        if request.path.utf8.contains(0) || request.path.contains("\\") { fatalError("NUL or \\ in \(request.path)") }
    }
}
