import XCTest
@testable import HTTPServer

final class ParserTests: XCTestCase {
    private func status(of events: [HTTPParserEvent]) -> Int? {
        switch events.first {
        case .request?: return 200
        case .error(let error)?: return error.status
        case nil: return nil
        }
    }

    func testHostileTableHasAtLeastFortyRefusals() {
        XCTAssertGreaterThanOrEqual(hostileRequests.filter { $0.status != 200 }.count, 40)
    }

    func testHostileTableInOneChunk() {
        for item in hostileRequests {
            var parser = HTTPRequestParser()
            XCTAssertEqual(status(of: parser.feed(item.bytes)), item.status, item.name)
        }
    }

    func testHostileTableOneByteAtATime() {
        for item in hostileRequests {
            var parser = HTTPRequestParser()
            var events: [HTTPParserEvent] = []
            for byte in item.bytes where events.isEmpty { events += parser.feed([byte]) }
            XCTAssertEqual(status(of: events), item.status, item.name)
        }
    }

    /// A valid request before each hostile one is answered first; the hostile one still fails.
    func testHostileTableAfterAPipelinedValidRequest() {
        for item in hostileRequests {
            var parser = HTTPRequestParser()
            let events = parser.feed(Array(validRequest.utf8) + item.bytes)
            XCTAssertEqual(events.first?.request?.path, "/ok", item.name)
            XCTAssertEqual(status(of: Array(events.dropFirst())), item.status, item.name)
        }
    }

    /// After a refusal that loses framing, nothing that follows is parsed (no smuggled request).
    func testNothingIsParsedAfterAClosingError() {
        for item in hostileRequests where item.status != 200 {
            var parser = HTTPRequestParser()
            let events = parser.feed(item.bytes + Array(validRequest.utf8))
            guard let error = events.first?.error else { return XCTFail(item.name) }
            if error.closeConnection {
                XCTAssertEqual(events.count, 1, item.name)
                XCTAssertEqual(parser.phase, .failed, item.name)
            } else {
                XCTAssertEqual(events.count, 2, item.name)
                XCTAssertEqual(events.last?.request?.path, "/ok", item.name)
            }
        }
    }

    func testSmugglingAttemptsCloseTheConnection() {
        for name in ["two different Content-Length", "Transfer-Encoding with Content-Length", "Transfer-Encoding chunked",
                     "bare LF everywhere", "declared 2^62 bytes", "request line over 8 KiB", "17 KiB header"] {
            let item = hostileRequests.first { $0.name == name }!
            var parser = HTTPRequestParser()
            XCTAssertEqual(parser.feed(item.bytes).first?.error?.closeConnection, true, name)
        }
    }

    func testBadPathKeepsTheConnectionAndSkipsItsBody() {
        var parser = HTTPRequestParser()
        let events = parser.feed(Array("POST /a%00 HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nGET \(validRequest)".utf8))
        XCTAssertEqual(events.first?.error?.status, 400)
        XCTAssertEqual(events.first?.error?.closeConnection, false)
        // "GET " was the body; the next request is the valid one, not a smuggled "GET GET ...".
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.last?.request?.path, "/ok")
    }

    func testHugeContentLengthIsRefusedBeforeAnyBodyArrives() {
        var parser = HTTPRequestParser()
        let events = parser.feed(Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4611686018427387904\r\n\r\n".utf8))
        XCTAssertEqual(events.first?.error?.status, 413)
        XCTAssertEqual(parser.bufferedByteCount, 0)
    }

    func testLimitsAreConfigurable() {
        var parser = HTTPRequestParser(limits: HTTPLimits(maxRequestLineBytes: 20, maxHeaderBytes: 30, maxHeaderCount: 2, maxBodyBytes: 3))
        XCTAssertEqual(parser.feed(Array(get("/" + String(repeating: "a", count: 20)).utf8)).first?.error?.status, 414)
        parser = HTTPRequestParser(limits: HTTPLimits(maxHeaderCount: 2))
        XCTAssertEqual(parser.feed(Array("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\n\r\n".utf8)).first?.error?.status, 431)
        parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 3))
        XCTAssertEqual(parser.feed(Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nabcd".utf8)).first?.error?.status, 413)
        parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 3))
        XCTAssertEqual(parser.feed(Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc".utf8)).first?.request?.body, Array("abc".utf8))
    }

    func testLongRequestLineIsRefusedWithoutWaitingForItsEnd() {
        var parser = HTTPRequestParser()
        let events = parser.feed(Array(("GET /" + String(repeating: "a", count: 9000)).utf8))
        XCTAssertEqual(events.first?.error?.status, 414)
    }

    func testRequestFieldsAreDecoded() throws {
        var parser = HTTPRequestParser()
        let request = try XCTUnwrap(parser.feed(Array(
            "POST /restaurant/%ED%95%9C/../confirm/?orderId=a%20b&name=%EA%B9%80+%EB%AF%BC&flag HTTP/1.1\r\nHost: yeyak\r\nX-Empty:\r\nContent-Length: 3\r\n\r\nabc".utf8)).first?.request)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/restaurant/confirm/")
        XCTAssertEqual(request.target, "/restaurant/%ED%95%9C/../confirm/?orderId=a%20b&name=%EA%B9%80+%EB%AF%BC&flag")
        XCTAssertEqual(request.queryValue("orderId"), "a b")
        XCTAssertEqual(request.queryValue("name"), "김 민")
        XCTAssertEqual(request.queryValue("flag"), "")
        XCTAssertEqual(request.headers["host"], "yeyak")
        XCTAssertEqual(request.headers["X-Empty"], "")
        XCTAssertEqual(request.body, Array("abc".utf8))
        XCTAssertEqual(request.version, .http1_1)
    }

    func testBodySplitAcrossChunksAndPipelinedRequestsComeOutInOrder() {
        var parser = HTTPRequestParser()
        XCTAssertTrue(parser.feed(Array("POST /1 HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nab".utf8)).isEmpty)
        XCTAssertEqual(parser.phase, .body)
        let events = parser.feed(Array("cdefGET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\n\r\nGET /4".utf8))
        XCTAssertEqual(events.compactMap(\.request?.path), ["/1", "/2", "/3"])
        XCTAssertEqual(events.first?.request?.body, Array("abcdef".utf8))
        XCTAssertEqual(parser.phase, .head)
    }

    func testPhaseFollowsTheRequest() {
        var parser = HTTPRequestParser()
        XCTAssertEqual(parser.phase, .idle)
        _ = parser.feed(Array("GET / HT".utf8))
        XCTAssertEqual(parser.phase, .head)
        _ = parser.feed(Array("TP/1.1\r\nHost: t\r\n\r\n".utf8))
        XCTAssertEqual(parser.phase, .idle)
    }

    func testHeaderValuesAreTrimmedButKeepInnerSpaces() {
        var parser = HTTPRequestParser()
        let request = parser.feed(Array("GET / HTTP/1.1\r\nHost: t\r\nUser-Agent: \t Mozilla 5.0 \t\r\n\r\n".utf8)).first?.request
        XCTAssertEqual(request?.headers["user-agent"], "Mozilla 5.0")
    }

    func testKeepAliveRules() {
        func keepAlive(_ text: String) -> Bool? {
            var parser = HTTPRequestParser()
            return parser.feed(Array(text.utf8)).first?.request?.wantsKeepAlive
        }
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\nHost: t\r\n\r\n"), true)
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\nHost: t\r\nConnection: Close\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), true)
    }
}
