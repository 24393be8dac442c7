import XCTest
import HTTPServer
import TestSupport

/// The dev server's file responder behind the real parser and socket: the site is served, and
/// nothing outside the site folder ever is, however the path is spelled.
final class StaticFileResponderTests: XCTestCase {
    private var folder: TemporaryDirectory!
    private var port = 0
    private let secret = "TOP-SECRET-OUTSIDE-THE-SITE"

    override func setUpWithError() throws {
        folder = try TemporaryDirectory(prefix: "yeyak-static")
        try folder.write("secret.txt", secret)
        try folder.write("site/index.html", "<h1>Yeyak</h1>")
        try folder.write("site/restaurant/index.html", "<h1>Restaurant</h1>")
        try folder.write("site/style.css", "body{}")
        try folder.write("site/app.js", "1")
        try folder.write("site/404.html", "<h1>없는 페이지</h1>")
        try folder.write("site/.env", "TOSS_SECRET=x")
        let site = folder.url.appendingPathComponent("site").path
        try FileManager.default.createSymbolicLink(atPath: site + "/leak.txt", withDestinationPath: folder.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site + "/outside", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: site + "/style-link.css", withDestinationPath: "style.css")
        let server = try startServer(responder: StaticFileResponder(root: site))
        port = server.port
    }

    private func fetch(_ target: String, method: String = "GET", headers: String = "") throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port)
        try client.send("\(method) \(target) HTTP/1.1\r\nHost: t\r\n\(headers)\r\n")
        return try XCTUnwrap(client.readResponse(bodyExpected: method != "HEAD"))
    }

    func testServesPagesIndexesAndContentTypes() throws {
        let home = try fetch("/")
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.bodyText, "<h1>Yeyak</h1>")
        XCTAssertEqual(home.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertEqual(try fetch("/restaurant/").bodyText, "<h1>Restaurant</h1>")
        XCTAssertEqual(try fetch("/style.css").header("Content-Type"), "text/css; charset=utf-8")
        XCTAssertEqual(try fetch("/app.js").header("Content-Type"), "text/javascript; charset=utf-8")
        XCTAssertEqual(try fetch("/style-link.css").bodyText, "body{}", "a symlink inside the root is fine")
    }

    func testFolderWithoutSlashRedirects() throws {
        let response = try fetch("/restaurant?from=home")
        XCTAssertEqual(response.status, 301)
        XCTAssertEqual(response.header("Location"), "/restaurant/?from=home")
    }

    /// A path is never turned into a redirect to another host (`//host/` is scheme-relative).
    func testRedirectNeverLeavesTheHost() throws {
        try folder.write("site/assets/index.html", "assets")
        for target in ["//restaurant", "///restaurant?x=1", "//assets", "/%2Frestaurant"] {
            let response = try fetch(target)
            guard response.status == 301 else { XCTAssertTrue([400, 404].contains(response.status), target); continue }
            let location = try XCTUnwrap(response.header("Location"), target)
            XCTAssertTrue(location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\"), "\(target) -> \(location)")
        }
        XCTAssertEqual(try fetch("//restaurant").header("Location"), "/restaurant/")
    }

    func testMissingFileGetsTheSites404Page() throws {
        let response = try fetch("/nope.html")
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.bodyText, "<h1>없는 페이지</h1>")
    }

    func testTraversalAttemptsStayInside() throws {
        for target in ["/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2f", "/%2e%2e/%2e%2e/etc/passwd",
                       "/restaurant/%2E%2E/%2E%2E/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
                       "/leak.txt", "/outside/secret.txt", "/outside/", "/secret.txt%00.html", "/.env",
                       "/%2e%65nv", "//secret.txt", "/./../secret.txt"] {
            let response = try fetch(target)
            XCTAssertTrue([400, 404].contains(response.status), "\(target): \(response.status)")
            XCTAssertFalse(response.bodyText.contains(secret), target)
            XCTAssertFalse(response.bodyText.contains("TOSS_SECRET"), target)
        }
    }

    /// Even without the parser in front (a responder reused elsewhere), raw paths cannot escape.
    func testResponderAloneRefusesEscapingPaths() async throws {
        let responder = StaticFileResponder(root: folder.url.appendingPathComponent("site").path)
        for path in ["/../secret.txt", "/restaurant/../../secret.txt", "/leak.txt", "/outside/secret.txt", "/a\0b"] {
            let response = await responder.respond(to: HTTPRequest(method: "GET", target: path, path: path))
            XCTAssertEqual(response.status, 404, path)
            XCTAssertFalse(String(decoding: response.body, as: UTF8.self).contains(secret), path)
        }
    }

    func testHeadAndConditionalGet() throws {
        let head = try fetch("/style.css", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), "6")
        let etag = try XCTUnwrap(head.header("ETag"))
        XCTAssertEqual(try fetch("/style.css", headers: "If-None-Match: \(etag)\r\n").status, 304)
        XCTAssertEqual(try fetch("/style.css", headers: "If-None-Match: \"other\"\r\n").status, 200)
    }

    func testOnlyGetAndHead() throws {
        let response = try fetch("/", method: "DELETE")
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "GET, HEAD")
    }
}
