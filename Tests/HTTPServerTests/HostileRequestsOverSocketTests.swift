import XCTest
import HTTPServer
import TestSupport

/// The parser's hostile table again, through a real socket: the status must be the same, and a
/// refusal that loses framing must close the connection.
final class HostileRequestsOverSocketTests: XCTestCase {
    private func expectedClose(_ item: HostileRequest) -> Bool {
        var parser = HTTPRequestParser()
        switch parser.feed(item.bytes).first {
        case .error(let error)?: return error.closeConnection
        case .request(let request)?: return !request.wantsKeepAlive  // HTTP/1.0 without keep-alive
        case nil: return true
        }
    }

    /// The final response: a `100 Continue` (sent when a head with `Expect: 100-continue`
    /// arrives before its body, as one byte at a time does) is skipped.
    private func finalResponse(_ client: RawHTTPClient) throws -> RawHTTPResponse? {
        var response = try client.readResponse()
        while response?.status == 100 { response = try client.readResponse() }
        return response
    }

    private func runTable(oneByteAtATime: Bool) throws {
        let server = try startServer()
        for item in hostileRequests {
            let client = try RawHTTPClient(port: server.port, timeout: 5)
            client.sendIgnoringErrors(item.bytes, oneByteAtATime: oneByteAtATime)
            let response = try finalResponse(client)
            XCTAssertEqual(response?.status, item.status, item.name)
            if item.status != 200 { XCTAssertFalse(response?.body.isEmpty ?? true, "error body for \(item.name)") }
            if expectedClose(item) {
                XCTAssertEqual(response?.header("Connection"), "close", item.name)
                XCTAssertTrue(client.waitForClose(), "closed after \(item.name)")
            }
        }
    }

    func testHostileTableInOneWrite() throws {
        try runTable(oneByteAtATime: false)
    }

    func testHostileTableOneByteAtATime() throws {
        try runTable(oneByteAtATime: true)
    }

    /// Valid, hostile, valid in one write: the first is answered, the hostile one refused, and
    /// the last is answered only when the refusal kept the framing (never smuggled otherwise).
    func testHostileTablePipelined() throws {
        let server = try startServer()
        for item in hostileRequests {
            let client = try RawHTTPClient(port: server.port, timeout: 5)
            client.sendIgnoringErrors(Array(validRequest.utf8) + item.bytes + Array(get("/after").utf8))
            let first = try client.readResponse()
            XCTAssertEqual(first?.bodyText, "GET /ok", item.name)
            XCTAssertEqual(try finalResponse(client)?.status, item.status, item.name)
            let third = try finalResponse(client)
            if expectedClose(item) {
                XCTAssertNil(third, "nothing answered after \(item.name)")
            } else {
                XCTAssertEqual(third?.bodyText, "GET /after", item.name)
            }
        }
    }
}
