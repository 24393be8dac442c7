import HTTPServer
import XCTest
@testable import BookingService

/// `BookingServiceRoutes.owns(path:)` is what `yeyak dev` sends to the service: it must cover
/// every route the service matches, and no page of the site.
final class ServiceRoutesTests: XCTestCase {
    func route(_ path: String) -> Route { Route.match(HTTPRequest(method: "GET", target: path, path: path)) }

    func testEveryMatchedRouteAndUnknownAPIPathIsOwned() {
        let matched = ["/api/reservations", "/api/reservations/", "/api/availability", "/api/bookings/o1",
                       "/api/bookings/o1/cancel", "/restaurant/confirm/success/", "/restaurant/confirm/failed",
                       "/webhooks/toss", "/healthz", "/metrics", "/api/unknown", "/api"]
        for path in matched {
            XCTAssertTrue(BookingServiceRoutes.owns(path: path), path)
            if path != "/api" { XCTAssertNotEqual(route(path), .notFound(api: false), path) }
        }
        for path in ["/", "/restaurants/jipbap/", "/assets/site.css", "/apis", "/healthz/x", "/404.html"] {
            XCTAssertFalse(BookingServiceRoutes.owns(path: path), path)
        }
    }
}
