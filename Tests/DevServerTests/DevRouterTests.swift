import BookingService
import DevServer
import Foundation
import HTTPServer
import TestSupport
import XCTest

/// The dev router over a real socket, so the requests go through the same parser a browser's do.
final class DevRouterTests: XCTestCase {
    static let secret = "SECRET-OUTSIDE-OUTPUT"

    var folder: TemporaryDirectory!
    var version: BuildVersion!
    var server: HTTPServer!

    override func setUp() async throws {
        // folder/Package.swift and folder/secret.txt lie beside output/, never inside it.
        folder = try TemporaryDirectory(prefix: "yeyak-devrouter")
        try folder.write("Package.swift", "// \(Self.secret)\n")
        try folder.write("secret.txt", Self.secret)
        try folder.write("outside/secret.txt", Self.secret)
        try folder.write("output/index.html", "<!doctype html><html lang=\"ko\"><body><h1>식당 목록</h1></body></html>")
        try folder.write("output/restaurants/jipbap/index.html", "<html><BODY>집밥</BODY></html>")
        try folder.write("output/assets/site.css", "body { color: black }")
        try folder.write("output/404.html", "<html><body>페이지를 찾을 수 없습니다</body></html>")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/output/leak.txt", withDestinationPath: folder.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/output/linked", withDestinationPath: folder.path + "/outside")

        version = BuildVersion()
        version.advance()
        let service = ClosureResponder { request in .text(200, "service \(request.method) \(request.path)") }
        let router = DevRouter(service: service, isServicePath: { BookingServiceRoutes.owns(path: $0) },
                               site: StaticFileResponder(root: folder.path + "/output"), version: version)
        server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: router, accessLog: nil)
        try server.start()
    }

    override func tearDown() async throws {
        await server.shutdown()
        folder = nil
    }

    func get(_ target: String, method: String = "GET", headers: String = "", body: String = "") throws -> RawHTTPResponse {
        let length = body.isEmpty ? "" : "Content-Length: \(body.utf8.count)\r\n"
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\(length)Connection: close\r\n\r\n\(body)"
        return try XCTUnwrap(RawHTTPClient.exchange(port: server.port, request))
    }

    func testServiceRoutesGoToTheServiceAndEverythingElseToTheFiles() throws {
        let toService = ["/api/reservations", "/api/availability?restaurant=jipbap", "/api/bookings/abc/cancel", "/api",
                         "/restaurant/confirm/success/?paymentKey=k&orderId=o&amount=1", "/restaurant/confirm/failed/",
                         "/webhooks/toss", "/healthz", "/metrics"]
        for target in toService {
            let path = String(target.prefix { $0 != "?" })
            XCTAssertEqual(try get(target).bodyText, "service GET \(path)", target)
        }
        XCTAssertEqual(try get("/api/reservations", method: "POST", body: "{}").bodyText, "service POST /api/reservations")

        let home = try get("/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.bodyText.contains("<h1>식당 목록</h1>"))
        let restaurant = try get("/restaurants/jipbap/")
        XCTAssertTrue(restaurant.bodyText.contains("집밥"), "/restaurants/ (plural) is a page, not the service")
        XCTAssertEqual(try get("/restaurants/jipbap").status, 301, "folders still redirect to their slash form")
        XCTAssertEqual(try get("/assets/site.css").bodyText, "body { color: black }", "CSS is served untouched")
        let missing = try get("/nowhere/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.bodyText.contains("페이지를 찾을 수 없습니다"))
    }

    func testHTMLCarriesTheLiveReloadTagAndIsNeverCached() throws {
        let home = try get("/")
        XCTAssertTrue(home.bodyText.hasSuffix("<h1>식당 목록</h1>\(LiveReloadScript.tag(version: 1))</body></html>"), home.bodyText)
        XCTAssertEqual(home.header("Cache-Control"), "no-store")
        XCTAssertNil(home.header("ETag"))
        let upper = try get("/restaurants/jipbap/")
        XCTAssertTrue(upper.bodyText.contains("집밥\(LiveReloadScript.tag(version: 1))</BODY>"), upper.bodyText)

        // A browser revalidating an old copy must get the new page, or it would reload forever.
        version.advance()
        let revalidated = try get("/", headers: "If-None-Match: \"anything\"\r\nIf-Modified-Since: Sun, 01 Jan 2040 00:00:00 GMT\r\n")
        XCTAssertEqual(revalidated.status, 200)
        XCTAssertTrue(revalidated.bodyText.contains("data-version=\"2\""))

        XCTAssertEqual(try get("/__dev/version").bodyText, "{\"version\":2}")
        let script = try get(LiveReloadScript.path)
        XCTAssertEqual(script.status, 200)
        XCTAssertTrue(script.bodyText.contains("location.reload()"))
        XCTAssertEqual(try get("/__dev/other").status, 404)
        XCTAssertEqual(try get("/__dev/version", method: "POST").status, 405)
    }

    /// `../shared/http-checklist.md` item 13, through the router: nothing outside output/.
    func testEncodedEscapesAndSymlinksStayInsideOutput() throws {
        let attacks = [
            "/%2e%2e/Package.swift", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2f..%2fetc/passwd", "/%2e%2e%2f",
            "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
            "/assets/..%2f..%2fsecret.txt", "/../secret.txt", "/api/../../secret.txt", "/%2e%2e/outside/secret.txt",
            "/leak.txt", "/linked/secret.txt", "/%00secret.txt", "/.%2e/secret.txt", "/assets%2f..%2f..%2fsecret.txt",
        ]
        for target in attacks {
            let response = try get(target)
            XCTAssertTrue([400, 404].contains(response.status), "\(target) answered \(response.status)")
            XCTAssertFalse(response.bodyText.contains(Self.secret), "\(target) leaked a file outside output/")
        }
        XCTAssertFalse(try get("/etc/passwd").bodyText.contains("root:"))
        // Dot segments stop at the root (RFC 3986 5.2.4): "/.." is output/'s own home page.
        XCTAssertTrue(try get("/..").bodyText.contains("<h1>식당 목록</h1>"))
    }

    /// Negative control: the same marker inside output/ is served, so the checks above can fail.
    func testTheMarkerIsServedFromInsideOutput() throws {
        try folder.write("output/inside.txt", Self.secret)
        XCTAssertEqual(try get("/inside.txt").bodyText, Self.secret)
    }
}
