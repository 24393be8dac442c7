import HTTPServer
import TestSupport
import XCTest
@testable import BookingService

/// `BookingServiceRoutes.owns(path:)` is what `yeyak dev` sends to the service: it must cover
/// every route the service matches, and no page of the site.
final class ServiceRoutesTests: XCTestCase {
    func route(_ path: String) -> Route { Route.match(HTTPRequest(method: "GET", target: path, path: path)) }

    func testEveryMatchedRouteAndUnknownAPIPathIsOwned() {
        let matched = ["/api/reservations", "/api/reservations/", "/api/availability", "/api/bookings/o1",
                       "/api/bookings/o1/cancel", "/api/lookup", "/api/lookup/cancel", "/restaurant/confirm/success/", "/restaurant/confirm/failed",
                       "/webhooks/toss", "/healthz", "/metrics", "/api/unknown", "/api"]
        for path in matched {
            XCTAssertTrue(BookingServiceRoutes.owns(path: path), path)
            if path != "/api" { XCTAssertNotEqual(route(path), .notFound(api: false), path) }
        }
        for path in ["/", "/restaurants/jipbap/", "/assets/site.css", "/apis", "/healthz/x", "/404.html", "/lookup/", "/booking/"] {
            XCTAssertFalse(BookingServiceRoutes.owns(path: path), path)
        }
    }

    /// Reservation, cancel, lookup and webhook bodies: 16 KiB; every other route takes none.
    func testBodyLimitsPerRoute() {
        for path in ["/api/reservations", "/api/bookings/o1/cancel", "/api/lookup", "/api/lookup/cancel", "/webhooks/toss"] {
            XCTAssertEqual(BookingServiceRoutes.bodyLimit("POST", path), 16 * 1024, path)
        }
        for (method, path) in [("GET", "/api/reservations"), ("POST", "/api/availability"), ("POST", "/healthz"),
                               ("POST", "/restaurant/confirm/success/"), ("PUT", "/webhooks/toss"), ("POST", "/nowhere")] {
            XCTAssertEqual(BookingServiceRoutes.bodyLimit(method, path), 0, "\(method) \(path)")
        }
    }

    /// Over a real socket: a 17 KiB reservation is refused from its head with 413.
    func testOversizedReservationBodyIs413OverASocket() async throws {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.bodyLimit = BookingServiceRoutes.bodyLimit
        let server = HTTPServer(configuration: configuration, responder: ClosureResponder { _ in .text(200, "ok") }, accessLog: nil)
        try server.start()
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /api/reservations HTTP/1.1\r\nHost: t\r\nContent-Length: \(17 * 1024)\r\n\r\n")
        XCTAssertEqual(try client.readResponse()?.status, 413)
        let fits = try RawHTTPClient(port: server.port)
        try fits.send("POST /webhooks/toss HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertEqual(try fits.readResponse()?.status, 200)
        await server.shutdown()
    }
}
