import XCTest
@testable import HTTPServer

final class ResponseSerializerTests: XCTestCase {
    private func text(_ response: HTTPResponse, isHead: Bool = false, keepAlive: Bool = true) -> String {
        String(decoding: ResponseSerializer.serialize(response, isHead: isHead, keepAlive: keepAlive,
                                                      date: "Sun, 06 Nov 1994 08:49:37 GMT").bytes, as: UTF8.self)
    }

    func testServerAddsFramingAndReplacesResponderFraming() {
        var response = HTTPResponse.text(200, "hi")
        response.headers.add("Content-Length", "999")
        response.headers.add("Transfer-Encoding", "chunked")
        let wire = text(response, keepAlive: false)
        XCTAssertEqual(wire, "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nConnection: close\r\nContent-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhi")
    }

    func testHeaderWithCRLFBecomesA500AndIsNeverWritten() {
        for (name, value) in [("Location", "/a\r\nSet-Cookie: x=1"), ("X", "a\nb"), ("X", "a\0b"), ("Bad Name", "v"), ("X\r\nY", "v")] {
            var response = HTTPResponse.text(302, "moved")
            response.headers.add(name, value)
            let wire = text(response)
            XCTAssertTrue(wire.hasPrefix("HTTP/1.1 500 "), name)
            XCTAssertFalse(wire.contains("Set-Cookie"), name)
            XCTAssertFalse(wire.contains("Bad Name"), name)
        }
    }

    func testHeadKeepsTheLengthButSendsNoBody() {
        let wire = text(.text(200, "hello"), isHead: true)
        XCTAssertTrue(wire.contains("Content-Length: 5\r\n"))
        XCTAssertTrue(wire.hasSuffix("\r\n\r\n"))
    }

    func testNoContentAndNotModifiedHaveNoBody() {
        XCTAssertFalse(text(HTTPResponse(status: 204, body: Array("x".utf8))).contains("Content-Length"))
        XCTAssertTrue(text(HTTPResponse(status: 304, body: Array("x".utf8))).hasSuffix("\r\n\r\n"))
    }

    func testInvalidStatusBecomes500() {
        XCTAssertTrue(text(HTTPResponse(status: 42)).hasPrefix("HTTP/1.1 500 "))
    }

    func testHTTPDateFormat() {
        XCTAssertEqual(ResponseSerializer.httpDate(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    func testAccessLogLine() {
        let entry = AccessLogEntry(method: "GET", path: "/restaurant/", status: 200, bytes: 5120, duration: .microseconds(1350))
        XCTAssertEqual(entry.line, "GET /restaurant/ 200 5120 1.3ms")
    }
}
