import Foundation
import XCTest
import HTTPServer
import TestSupport

/// Body limits per route, memory grown as bytes arrive, the server-wide budget,
/// `Expect: 100-continue`, half-closed clients and draining after an error, over real sockets.
final class BodyAndFramingTests: XCTestCase {
    /// `/small` takes 16 bytes, `/none` no body, everything else the server default.
    private let routeLimits: BodyLimitRule = { _, path in
        switch path {
        case "/small": return 16
        case "/none": return 0
        default: return 1024 * 1024
        }
    }

    private let bodyEcho = ClosureResponder { request in .text(200, "\(request.path) \(request.body.count)") }

    private func post(_ path: String, length: Int, body: String = "", extra: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: t\r\nContent-Length: \(length)\r\n\(extra)\r\n\(body)"
    }

    func testRouteBodyLimitsAnswer413BeforeTheBody() throws {
        let server = try startServer(responder: bodyEcho) { $0.bodyLimit = routeLimits }
        let fits = try RawHTTPClient(port: server.port)
        try fits.send(post("/small", length: 16, body: String(repeating: "a", count: 16)))
        XCTAssertEqual(try fits.readResponse()?.bodyText, "/small 16")

        // Over the route's limit: refused from the head alone, no body byte sent.
        let over = try RawHTTPClient(port: server.port)
        try over.send(post("/small", length: 17))
        XCTAssertEqual(try over.readResponse()?.status, 413)
        XCTAssertTrue(over.waitForClose())

        let none = try RawHTTPClient(port: server.port)
        try none.send(post("/none", length: 1))
        XCTAssertEqual(try none.readResponse()?.status, 413)

        // Control: the same size on a route with a larger limit is fine, and no body is fine.
        let big = try RawHTTPClient(port: server.port)
        try big.send(post("/other", length: 17, body: String(repeating: "b", count: 17)) + post("/none", length: 0))
        XCTAssertEqual(try big.readResponse()?.bodyText, "/other 17")
        XCTAssertEqual(try big.readResponse()?.bodyText, "/none 0")
    }

    /// The one Content-Length rule the parser, the fuzz target and the hostile table share.
    func testContentLengthRule() {
        XCTAssertEqual(ContentLengthRule.verdict([String]()), .absent)
        XCTAssertEqual(ContentLengthRule.verdict(["0"]), .length(0))
        XCTAssertEqual(ContentLengthRule.verdict(["\t42 "]), .length(42))
        for refused in [["3, 3"], ["2 ,2"], [",3"], ["3,"], ["+3"], ["-1"], ["0x3"], [""], ["1 0"], ["99999999999999999999"], ["3", "3"], ["3", "4"]] {
            guard case .invalid = ContentLengthRule.verdict(refused) else { return XCTFail("accepted \(refused)") }
        }
    }

    /// The parser's memory follows the bytes that arrived, not the declared length.
    func testDeclaredLengthIsNotReserved() {
        var parser = HTTPRequestParser()
        XCTAssertTrue(parser.feed(Array(post("/", length: 1024 * 1024, body: "abc").utf8)).isEmpty)
        XCTAssertEqual(parser.phase, .body)
        XCTAssertLessThan(parser.heldByteCount, 1024)
    }

    /// Beyond the server-wide budget a new upload is refused with 503; the others go on.
    func testServerWideBufferBudgetRefusesWith503() throws {
        let server = try startServer(responder: bodyEcho) { $0.maxBufferedBytes = 64 * 1024 }
        var holders: [RawHTTPClient] = []
        for _ in 0..<3 {
            let client = try RawHTTPClient(port: server.port)
            try client.send(post("/", length: 20_000, body: String(repeating: "x", count: 15_000)))
            holders.append(client)
        }
        Thread.sleep(forTimeInterval: 0.2)  // about 45,000 bytes held
        let late = try RawHTTPClient(port: server.port)
        late.sendIgnoringErrors(Array(post("/", length: 25_000, body: String(repeating: "y", count: 25_000)).utf8))
        XCTAssertEqual(try late.readResponse()?.status, 503)
        // A holder that finishes is answered, and its bytes leave the budget.
        try holders[0].send(String(repeating: "x", count: 5_000))
        XCTAssertEqual(try holders[0].readResponse()?.bodyText, "/ 20000")
        let next = try RawHTTPClient(port: server.port)
        try next.send(post("/", length: 10_000, body: String(repeating: "z", count: 10_000)))
        XCTAssertEqual(try next.readResponse()?.bodyText, "/ 10000")
    }

    func testExpectContinueGets100ThenTheAnswer() throws {
        let server = try startServer(responder: bodyEcho) { $0.bodyLimit = routeLimits }
        let client = try RawHTTPClient(port: server.port)
        try client.send(post("/small", length: 5, extra: "Expect: 100-continue\r\n"))
        let interim = try XCTUnwrap(client.readResponse(bodyExpected: false))
        XCTAssertEqual(interim.status, 100)
        try client.send("hello")
        XCTAssertEqual(try client.readResponse()?.bodyText, "/small 5")
    }

    func testExpectContinueOverTheLimitGetsTheFinalStatusInstead() throws {
        let server = try startServer(responder: bodyEcho) { $0.bodyLimit = routeLimits }
        let client = try RawHTTPClient(port: server.port)
        try client.send(post("/small", length: 500, extra: "Expect: 100-continue\r\n"))
        XCTAssertEqual(try client.readResponse()?.status, 413)
        XCTAssertTrue(client.waitForClose())
    }

    func testUnknownExpectationIs417() throws {
        let server = try startServer(responder: bodyEcho)
        let client = try RawHTTPClient(port: server.port)
        try client.send(post("/", length: 1, body: "a", extra: "Expect: something-else\r\n"))
        XCTAssertEqual(try client.readResponse()?.status, 417)
    }

    /// A complete request followed by a half-close (shutdown of the client's sending side) is answered.
    func testCompleteRequestIsAnsweredAfterHalfClose() throws {
        let slow = ClosureResponder { request in
            try? await Task.sleep(for: .milliseconds(100))
            return .text(200, "\(request.path) \(request.body.count)")
        }
        let server = try startServer(responder: slow)
        for size in [0, 5, 1024 * 1024] {
            let client = try RawHTTPClient(port: server.port, timeout: 10)
            try client.send(size == 0 ? get("/half") : post("/half", length: size, body: String(repeating: "z", count: size)))
            client.finishSending()
            XCTAssertEqual(try client.readResponse()?.bodyText, "/half \(size)", "body of \(size) bytes")
            XCTAssertTrue(client.waitForClose())
        }
        // Pipelined, then half-closed: both answered.
        let client = try RawHTTPClient(port: server.port)
        try client.send(get("/1") + get("/2"))
        client.finishSending()
        XCTAssertEqual(try client.readResponse()?.bodyText, "/1 0")
        XCTAssertEqual(try client.readResponse()?.bodyText, "/2 0")
    }

    /// After a 413 the client keeps sending its body; the server drains it, so the client reads
    /// the status instead of a connection reset.
    func testErrorResponseIsReadableWhileTheClientKeepsSending() throws {
        let server = try startServer(responder: bodyEcho) { $0.bodyLimit = routeLimits }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        let body = String(repeating: "q", count: 512 * 1024)
        try client.send(post("/small", length: body.utf8.count))
        Thread.sleep(forTimeInterval: 0.1)  // the 413 is written while the body is still coming
        client.sendIgnoringErrors(Array(body.utf8))
        XCTAssertEqual(try client.readResponse()?.status, 413)
    }
}
