import XCTest
import HTTPServer
import TestSupport

final class ConnectionTests: XCTestCase {
    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try startServer()
        let client = try RawHTTPClient(port: server.port)
        for index in 1...3 {
            try client.send(get("/\(index)"))
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.bodyText, "GET /\(index)")
            XCTAssertEqual(response.header("Connection"), "keep-alive")
            XCTAssertNotNil(response.header("Date"))
        }
    }

    /// The first request is the slowest; answers still come back in request order.
    func testPipelinedResponsesComeBackInOrder() throws {
        let responder = ClosureResponder { request in
            if request.path == "/1" { try? await Task.sleep(for: .milliseconds(150)) }
            return .text(200, request.path)
        }
        let server = try startServer(responder: responder)
        let client = try RawHTTPClient(port: server.port)
        try client.send(get("/1") + "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi" + get("/3"))
        XCTAssertEqual(try client.readResponse()?.bodyText, "/1")
        XCTAssertEqual(try client.readResponse()?.bodyText, "/2")
        XCTAssertEqual(try client.readResponse()?.bodyText, "/3")
    }

    func testSlowlorisHeaderDeadlineAnswers408AndCloses() throws {
        let server = try startServer { $0.headerTimeout = .milliseconds(300) }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
        // Trickling more header bytes must not extend the deadline.
        for index in 0..<5 {
            try? client.send("X-\(index): y\r\n")
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(try client.readResponse()?.status, 408)
        XCTAssertTrue(client.waitForClose())
    }

    func testBodyDeadlineAnswers408() throws {
        let server = try startServer { $0.bodyTimeout = .milliseconds(300) }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse()?.status, 408)
        XCTAssertTrue(client.waitForClose())
    }

    func testIdleKeepAliveConnectionIsClosedQuietly() throws {
        let server = try startServer { $0.idleTimeout = .milliseconds(300) }
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send(validRequest)
        XCTAssertEqual(try client.readResponse()?.status, 200)
        XCTAssertTrue(client.readUntilCloseIsEmpty())
    }

    /// At the cap with every connection busy (a responder running), a new one gets a fast 503;
    /// a finished one frees its slot. (Idle connections are reclaimed instead: ConnectionLimitTests.)
    func testConnectionCapAnswers503AndFreesSlotsOnClose() throws {
        let release = Flag()
        let responder = ClosureResponder { request in
            if request.path == "/slow" { _ = await release.wait(seconds: 5) }
            return .text(200, "done")
        }
        let server = try startServer(responder: responder) { $0.maxConnections = 2 }
        var open: [RawHTTPClient] = []
        for _ in 0..<2 {
            let client = try RawHTTPClient(port: server.port, timeout: 10)
            try client.send(get("/slow"))
            Thread.sleep(forTimeInterval: 0.05)  // busy before the next one arrives
            open.append(client)
        }
        let rejected = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try rejected.readResponse()?.status, 503)
        XCTAssertTrue(rejected.waitForClose())

        release.set()
        for client in open { XCTAssertEqual(try client.readResponse()?.bodyText, "done") }
        open.removeFirst()  // closing one frees a slot
        Thread.sleep(forTimeInterval: 0.1)
        let client = try RawHTTPClient(port: server.port)
        try client.send(validRequest)
        XCTAssertEqual(try client.readResponse()?.status, 200)
    }

    /// The slow request waits until the fast one (on another connection) has been answered.
    /// If the server served one request at a time, the slow one would give up and say so.
    func testSlowResponderDoesNotBlockOtherConnections() throws {
        let fastAnswered = Flag()
        let responder = ClosureResponder { request in
            if request.path == "/slow" {
                return .text(200, await fastAnswered.wait(seconds: 5) ? "fast went first" : "blocked")
            }
            return .text(200, "fast")
        }
        let server = try startServer(responder: responder)
        let slow = try RawHTTPClient(port: server.port, timeout: 10)
        try slow.send(get("/slow"))
        let fast = try RawHTTPClient(port: server.port)
        try fast.send(get("/fast"))
        XCTAssertEqual(try fast.readResponse()?.bodyText, "fast")
        fastAnswered.set()
        XCTAssertEqual(try slow.readResponse()?.bodyText, "fast went first")
    }

    func testGracefulShutdownFinishesTheRequestInFlight() async throws {
        let started = Flag()
        let responder = ClosureResponder { _ in
            started.set()
            try? await Task.sleep(for: .milliseconds(300))
            return .text(200, "finished")
        }
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.shutdownGracePeriod = .seconds(5)
        let server = HTTPServer(configuration: configuration, responder: responder, accessLog: nil)
        try server.start()
        let port = server.port
        let client = try RawHTTPClient(port: port)
        try client.send(get("/pay"))
        let didStart = await started.wait(seconds: 5)
        XCTAssertTrue(didStart)

        await server.shutdown()
        let response = try client.readResponse()
        XCTAssertEqual(response?.bodyText, "finished")
        XCTAssertEqual(response?.header("Connection"), "close")
        XCTAssertThrowsError(try RawHTTPClient(port: port), "no longer accepting")
    }

    func testAccessLogHasOneLinePerRequestWithoutTheQuery() throws {
        let log = LogCollector()
        let server = try startServer(log: log)
        let client = try RawHTTPClient(port: server.port)
        try client.send(get("/restaurant/confirm/success?orderId=secret&amount=10000") + "HEAD /menu HTTP/1.1\r\nHost: t\r\n\r\n" + get("/a%00"))
        XCTAssertEqual(try client.readResponse()?.status, 200)
        XCTAssertEqual(try client.readResponse(bodyExpected: false)?.status, 200)
        XCTAssertEqual(try client.readResponse()?.status, 400)
        Thread.sleep(forTimeInterval: 0.05)
        let lines = log.lines
        XCTAssertEqual(lines.count, 3)
        let pattern = try NSRegularExpression(pattern: #"^(\S+) (\S+) (\d{3}) (\d+) \d+\.\dms$"#)
        for line in lines {
            XCTAssertNotNil(pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
        }
        XCTAssertTrue(lines[0].hasPrefix("GET /restaurant/confirm/success 200 \("GET /restaurant/confirm/success".utf8.count) "), lines[0])
        XCTAssertFalse(lines[0].contains("secret"))
        XCTAssertTrue(lines[1].hasPrefix("HEAD /menu 200 0 "), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("- - 400 "), lines[2])
    }

    func testConnectionCloseAnswersThenClosesIgnoringTrailingBytes() throws {
        let seen = LogCollector()
        let server = try startServer(log: seen)
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" + get("/b") + "garbage")
        let response = try client.readResponse()
        XCTAssertEqual(response?.bodyText, "GET /a")
        XCTAssertEqual(response?.header("Connection"), "close")
        XCTAssertTrue(client.readUntilCloseIsEmpty())
        XCTAssertEqual(seen.lines.count, 1)
    }

    func testHTTP10WithoutKeepAliveIsClosedAfterTheAnswer() throws {
        let server = try startServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /old HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try client.readResponse()?.bodyText, "GET /old")
        XCTAssertTrue(client.readUntilCloseIsEmpty())
    }

    /// A HEAD answer carries no body bytes: the next pipelined answer starts right after it.
    func testHeadGetsHeadersOnly() throws {
        let server = try startServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD /page HTTP/1.1\r\nHost: t\r\n\r\n" + get("/next"))
        let head = try XCTUnwrap(client.readResponse(bodyExpected: false))
        XCTAssertEqual(head.header("Content-Length"), "\("HEAD /page".utf8.count)")
        XCTAssertEqual(try client.readResponse()?.bodyText, "GET /next")
    }

    func testDropConnectionClosesWithoutWriting() throws {
        let server = try startServer(responder: ClosureResponder { _ in .dropConnection })
        let client = try RawHTTPClient(port: server.port)
        try client.send(validRequest)
        XCTAssertTrue(client.readUntilCloseIsEmpty())
    }

    func testResponderHeaderWithCRLFIsNeverWritten() throws {
        let server = try startServer(responder: ClosureResponder { request in
            .text(302, "moved").withHeader("Location", "/x\r\nSet-Cookie: stolen=1")
        })
        let client = try RawHTTPClient(port: server.port)
        try client.send(validRequest)
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 500)
        XCTAssertNil(response.header("Set-Cookie"))
    }

    func testRequestsPerConnectionAreCapped() throws {
        let server = try startServer { $0.maxRequestsPerConnection = 2 }
        let client = try RawHTTPClient(port: server.port)
        try client.send(get("/1") + get("/2") + get("/3"))
        XCTAssertEqual(try client.readResponse()?.header("Connection"), "keep-alive")
        let second = try client.readResponse()
        XCTAssertEqual(second?.bodyText, "GET /2")
        XCTAssertEqual(second?.header("Connection"), "close")
        XCTAssertNil(try client.readResponse())
    }

    func testStartingOnATakenPortThrowsAClearError() throws {
        let first = try startServer()
        let second = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: first.port),
                                responder: echoResponder, accessLog: nil)
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? HTTPServerError, .addressInUse(host: "127.0.0.1", port: first.port))
            XCTAssertTrue("\(error)".contains("already in use"))
        }
    }

    func testPeerThatDisappearsMidRequestDoesNotHurtTheServer() throws {
        let server = try startServer(responder: ClosureResponder { request in
            try? await Task.sleep(for: .milliseconds(100))
            return .text(200, String(repeating: "x", count: 200_000))
        })
        for _ in 0..<3 {
            let client = try RawHTTPClient(port: server.port)
            try client.send(validRequest)
        }  // each closed right away, before its answer
        Thread.sleep(forTimeInterval: 0.3)
        let client = try RawHTTPClient(port: server.port)
        try client.send(validRequest)
        XCTAssertEqual(try client.readResponse()?.body.count, 200_000)
    }
}

extension HTTPResponse {
    fileprivate func withHeader(_ name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.add(name, value)
        return copy
    }
}

extension RawHTTPClient {
    /// True when the server closes without sending anything more.
    fileprivate func readUntilCloseIsEmpty() -> Bool {
        (try? readUntilClose().isEmpty) ?? false
    }
}
