/// The table of malformed and hostile requests, shared by the parser tests and the socket tests.
/// Expected status 200 marks the controls that must be accepted (the table's negative control).
struct HostileRequest {
    var name: String
    var bytes: [UInt8]
    var status: Int

    init(_ name: String, _ text: String, _ status: Int) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.status = status
    }

    init(_ name: String, bytes: [UInt8], _ status: Int) {
        self.name = name
        self.bytes = bytes
        self.status = status
    }
}

/// A request every test can put before or after a hostile one.
let validRequest = "GET /ok HTTP/1.1\r\nHost: test\r\n\r\n"

func get(_ target: String) -> String { "GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n" }

let hostileRequests: [HostileRequest] = [
    // Controls: these must work.
    HostileRequest("plain GET", validRequest, 200),
    HostileRequest("POST with a body", "POST /form HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", 200),
    HostileRequest("Content-Length with surrounding whitespace", "POST /form HTTP/1.1\r\nHost: test\r\nContent-Length: \t5 \r\n\r\nhello", 200),
    HostileRequest("Expect: 100-continue with the body already sent", "POST /form HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", 200),
    HostileRequest("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", 200),
    HostileRequest("one empty line before the request", "\r\n" + validRequest, 200),
    HostileRequest("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: test\r\n\r\n", 200),
    HostileRequest("dot segments are resolved, not refused", get("/a/%2e%2e/b/./c"), 200),

    // Request line.
    HostileRequest("double space", "GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    HostileRequest("trailing space", "GET / HTTP/1.1 \r\nHost: t\r\n\r\n", 400),
    HostileRequest("tab as separator", "GET\t/ HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    HostileRequest("no version", "GET /\r\nHost: t\r\n\r\n", 400),
    HostileRequest("lowercase version", "GET / http/1.1\r\nHost: t\r\n\r\n", 400),
    HostileRequest("HTTP/2.0", "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    HostileRequest("HTTP/1.2", "GET / HTTP/1.2\r\nHost: t\r\n\r\n", 505),
    HostileRequest("HTTP/0.9", "GET / HTTP/0.9\r\nHost: t\r\n\r\n", 505),
    HostileRequest("two-digit minor version", "GET / HTTP/1.10\r\nHost: t\r\n\r\n", 400),
    HostileRequest("method with a non-token character", "G(T / HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    HostileRequest("request line over 8 KiB", get("/" + String(repeating: "a", count: 9000)), 414),
    HostileRequest("too many empty lines first", String(repeating: "\r\n", count: 5) + validRequest, 400),

    // Line endings.
    HostileRequest("bare LF everywhere", "GET / HTTP/1.1\nHost: t\n\n", 400),
    HostileRequest("bare LF after a header", "GET / HTTP/1.1\r\nHost: t\n\r\n", 400),
    HostileRequest("bare CR in a header value", "GET / HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", 400),
    HostileRequest("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: t\r\n\r\n", 400),

    // Header fields.
    HostileRequest("space before colon", "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400),
    HostileRequest("field without colon", "GET / HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", 400),
    HostileRequest("obs-fold", "GET / HTTP/1.1\r\nHost: t\r\nX-A: one\r\n two\r\n\r\n", 400),
    HostileRequest("whitespace before the first field", "GET / HTTP/1.1\r\n Host: t\r\n\r\n", 400),
    HostileRequest("NUL in a value", bytes: Array("GET / HTTP/1.1\r\nHost: t\r\nX: a".utf8) + [0] + Array("b\r\n\r\n".utf8), 400),
    HostileRequest("control character in a value", "GET / HTTP/1.1\r\nHost: t\r\nX: a\u{1}b\r\n\r\n", 400),
    HostileRequest("non-token field name", "GET / HTTP/1.1\r\nHost: t\r\nX(Y): 1\r\n\r\n", 400),
    HostileRequest("empty field name", "GET / HTTP/1.1\r\nHost: t\r\n: 1\r\n\r\n", 400),
    HostileRequest("101 fields", "GET / HTTP/1.1\r\nHost: t\r\n" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
    HostileRequest("17 KiB header", "GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "v", count: 17 * 1024) + "\r\n\r\n", 431),
    HostileRequest("missing Host in 1.1", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400),
    HostileRequest("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),

    // Framing (smuggling).
    // The one Content-Length rule (`ContentLengthRule`): one field, digits only, never a list.
    HostileRequest("repeated identical Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
    HostileRequest("Content-Length list with equal values", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2 ,2\r\n\r\nab", 400),
    HostileRequest("Content-Length list 3, 3", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3, 3\r\n\r\nabc", 400),
    HostileRequest("Content-Length empty list element", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: ,3\r\n\r\nabc", 400),
    HostileRequest("unknown expectation", "POST / HTTP/1.1\r\nHost: t\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\na", 417),
    HostileRequest("two different Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
    HostileRequest("Content-Length list with different values", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3, 4\r\n\r\nabcd", 400),
    HostileRequest("Content-Length with a plus sign", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: +3\r\n\r\nabc", 400),
    HostileRequest("negative Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400),
    HostileRequest("Content-Length with inner space", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1 0\r\n\r\n", 400),
    HostileRequest("hex Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0x3\r\n\r\nabc", 400),
    HostileRequest("empty Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length:\r\n\r\n", 400),
    HostileRequest("Content-Length overflowing Int", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
    HostileRequest("Transfer-Encoding chunked", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 501),
    HostileRequest("Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400),
    HostileRequest("declared 2^62 bytes", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4611686018427387904\r\n\r\n", 413),
    HostileRequest("one byte over the body limit", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1048577\r\n\r\n", 413),

    // Targets and paths.
    HostileRequest("encoded slash", get("/..%2fsecret"), 400),
    HostileRequest("encoded slash, uppercase", get("/a%2Fb"), 400),
    HostileRequest("dot dot encoded slash", get("/%2e%2e%2f"), 400),
    HostileRequest("invalid escape", get("/a%zz"), 400),
    HostileRequest("truncated escape", get("/a%2"), 400),
    HostileRequest("encoded NUL", get("/a%00b"), 400),
    HostileRequest("backslash", get("/a\\..\\b"), 400),
    HostileRequest("encoded backslash", get("/a%5C..%5Cb"), 400),
    HostileRequest("relative target", get("index.html"), 400),
    HostileRequest("absolute-form target", get("http://evil.example/"), 400),
    HostileRequest("asterisk with GET", get("*"), 400),
    HostileRequest("fragment in the target", get("/a#b"), 400),
    HostileRequest("invalid escape in the query", get("/a?x=%zz"), 400),
    HostileRequest("path that is not UTF-8", get("/%ff%fe"), 400),
    HostileRequest("raw non-ASCII in the target", bytes: Array("GET /caf".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: t\r\n\r\n".utf8), 400),
    HostileRequest("DEL in the target", get("/a\u{7F}"), 400),
]
