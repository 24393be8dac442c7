import BookingStore
import CivilTime
import Foundation
import HTTPServer
import JSON
import Synchronization
import TossClient
import YeyakContent

/// The booking service over HTTP: matches the route, applies CORS and the security headers,
/// records metrics, and hands the request to a thin handler over `Bookings`. The socket server,
/// SQLite and Toss sit behind the values passed in, so tests swap any of them.
package final class BookingService: HTTPResponder, Sendable {
    /// The operations themselves, with no HTTP in them (the staff CLI uses them too).
    package let bookings: Bookings
    package let metrics: ServiceMetrics
    private let siteOrigin: String?
    private let log: @Sendable (String) -> Void
    /// What a content load decides for every request: the CORS policy and the result pages
    /// (re-read from the templates on reload), replaced together.
    private let loaded: Mutex<(cors: CORSPolicy, pages: any ResultPages)>
    private let guestAPI: GuestAPI
    private let redirects: PaymentRedirects
    private let operations: OperationsAPI
    /// Whether `GET /metrics` is answered on the service's own port; `yeyak serve` turns it off
    /// and serves metrics on `--metrics-listen` instead (`metricsPage()`).
    private let metricsOnServicePort: Bool

    package init(
        content: SiteContent, store: any BookingStore, toss: TossClient, resultPages: any ResultPages,
        configuration: ServiceConfiguration = ServiceConfiguration(), clock: any WallClock = SystemClock(),
        metrics: ServiceMetrics = ServiceMetrics(), log: @escaping @Sendable (String) -> Void = { _ in },
        metricsOnServicePort: Bool = true
    ) {
        self.metricsOnServicePort = metricsOnServicePort
        let bookings = Bookings(content: content, store: store, toss: toss, configuration: configuration, clock: clock,
                                metrics: metrics, log: log)
        self.bookings = bookings
        self.metrics = metrics
        self.siteOrigin = configuration.siteOrigin
        self.log = log
        loaded = Mutex((CORSPolicy(siteOrigin: configuration.siteOrigin, site: content.site), resultPages))
        guestAPI = GuestAPI(bookings: bookings, clientAddresses: configuration.clientAddresses)
        redirects = PaymentRedirects(bookings: bookings)
        operations = OperationsAPI(bookings: bookings, metrics: metrics)
    }

    package var content: SiteContent { bookings.content }

    /// The Prometheus page, for a separate metrics listener.
    package func metricsPage() async -> HTTPResponse {
        do { return try await operations.metricsPage() } catch { return .text(500, "metrics unavailable\n") }
    }

    /// Syncs the inventory with `content` and starts serving it (at start and on SIGHUP), with
    /// `resultPages` when they were re-read from the templates too.
    @discardableResult
    package func load(
        _ content: SiteContent, contentVersion: Int64? = nil, resultPages: (any ResultPages)? = nil
    ) async throws -> InventoryReport {
        let report = try await bookings.load(content, contentVersion: contentVersion)
        let cors = CORSPolicy(siteOrigin: siteOrigin, site: content.site)
        loaded.withLock { loaded in
            loaded.cors = cors
            if let resultPages { loaded.pages = resultPages }
        }
        return report
    }

    // MARK: - HTTPResponder

    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        let started = DispatchTime.now()
        let route = Route.match(request)
        let (cors, pages) = loaded.withLock { ($0.cors, $0.pages) }
        var response: HTTPResponse
        do {
            response = try await handle(route, request, cors: cors, pages: pages)
        } catch let error as APIError {
            response = error.response
        } catch let error as BookingError {
            response = APIError(error).response
        } catch let error as BookingStoreError where error.isBlockedByAnotherConnection {
            log("busy on \(request.method) \(route.name): \(error)")
            metrics.count("database_busy")
            response = route.isPage ? Self.html(.busy, pages) : APIError.busy.response
        } catch {
            log("error on \(request.method) \(route.name): \(error)")
            response = route.isPage ? Self.html(.internalError, pages) : APIError.internalError.response
        }
        SecurityHeaders.apply(to: &response, request: request, isPage: route.isPage, cors: cors)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        metrics.record(method: request.method, route: route.name, status: response.status, seconds: seconds)
        return response
    }

    private func handle(_ route: Route, _ request: HTTPRequest, cors: CORSPolicy, pages: any ResultPages) async throws -> HTTPResponse {
        if request.method == "OPTIONS", route.isAPI { return cors.preflight(request) }
        if route.isAPI && request.method == "POST" && !cors.allowsWrite(from: request.headers["Origin"]) {
            throw APIError.foreignOrigin
        }
        switch (route, request.method) {
        case (.reservations, "POST"): return try await guestAPI.createReservation(request)
        case (.availability, "GET"), (.availability, "HEAD"): return try await guestAPI.availability(request)
        case (.booking(let orderId), "GET"): return try await guestAPI.showBooking(orderId, request)
        case (.cancelBooking(let orderId), "POST"): return try await guestAPI.cancelBooking(orderId, request)
        case (.lookup, "POST"): return try await guestAPI.lookup(request)
        case (.cancelLookup, "POST"): return try await guestAPI.cancelLookup(request)
        case (.confirmSuccess, "GET"), (.confirmSuccess, "HEAD"): return Self.html(try await redirects.success(request), pages)
        case (.confirmFailed, "GET"), (.confirmFailed, "HEAD"): return Self.html(try await redirects.failed(request), pages)
        case (.webhook, "POST"): return try await operations.webhook(request)
        case (.health, "GET"), (.health, "HEAD"): return try await operations.health()
        case (.metrics, _) where !metricsOnServicePort: return APIError.notFound.response
        case (.metrics, "GET"): return try await operations.metricsPage()
        case (.notFound, _):
            return route.isAPI ? APIError.notFound.response : Self.html(.pageNotFound, pages)
        default:
            var response = APIError.methodNotAllowed.response
            response.headers.set("Allow", route.allowedMethods)
            return response
        }
    }

    /// A page, sent with the status it was made with.
    private static func html(_ page: ResultPage, _ pages: any ResultPages) -> HTTPResponse {
        HTTPResponse.html(page.status, pages.render(page))
    }
}

/// A JSON answer nobody may cache.
func jsonAnswer(_ status: Int, _ body: JSONValue) -> HTTPResponse {
    var response = HTTPResponse.json(status, body.text)
    response.headers.set("Cache-Control", "no-store")
    return response
}
