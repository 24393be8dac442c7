import BookingStore
import Foundation
import HTTPServer
import Synchronization
import TossClient
import YeyakContent
import JSON

/// The booking service: holds seats, takes the Toss redirects and webhooks, refunds, and
/// answers the pages' API. One `HTTPResponder`; the socket server, SQLite and Toss sit behind
/// the values passed in, so tests swap any of them.
public final class BookingService: HTTPResponder, Sendable {
    let store: any BookingStore
    let toss: TossClient
    let clock: any ServiceClock
    let configuration: ServiceConfiguration
    let resultPages: any ResultPages
    public let metrics: ServiceMetrics
    let log: @Sendable (String) -> Void
    /// The content and the CORS policy derived from it, replaced together on reload so no request
    /// re-derives origins.
    private let contentSnapshot: Mutex<(content: SiteContent, cors: CORSPolicy)>

    let settlement: PaymentSettlement
    let confirmFlow: ConfirmFlow
    let refundFlow: RefundFlow
    let webhooks: WebhookHandler
    public let reconciler: Reconciler

    public init(
        content: SiteContent, store: any BookingStore, toss: TossClient,
        configuration: ServiceConfiguration = ServiceConfiguration(), clock: any ServiceClock = SystemClock(),
        resultPages: any ResultPages = PlainResultPages(), metrics: ServiceMetrics = ServiceMetrics(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.toss = toss
        self.clock = clock
        self.configuration = configuration
        self.resultPages = resultPages
        self.metrics = metrics
        self.log = log
        contentSnapshot = Mutex((content, Self.cors(for: content, configuration: configuration)))
        settlement = PaymentSettlement(store: store, toss: toss, clock: clock, metrics: metrics, log: log)
        confirmFlow = ConfirmFlow(store: store, toss: toss, settlement: settlement, clock: clock, configuration: configuration)
        refundFlow = RefundFlow(store: store, toss: toss, settlement: settlement, clock: clock)
        webhooks = WebhookHandler(store: store, toss: toss, settlement: settlement, clock: clock)
        reconciler = Reconciler(store: store, toss: toss, settlement: settlement, clock: clock, configuration: configuration)
    }

    public var content: SiteContent { contentSnapshot.withLock { $0.content } }

    var corsPolicy: CORSPolicy { contentSnapshot.withLock { $0.cors } }

    static func cors(for content: SiteContent, configuration: ServiceConfiguration) -> CORSPolicy {
        CORSPolicy(siteOrigin: configuration.siteOrigin, serviceOrigin: WebOrigin.of(content.site.serviceURL))
    }

    /// Syncs the store's inventory with `content` (at start and on SIGHUP) and starts serving
    /// it. Slots removed while booked are kept and reported, never dropped.
    @discardableResult
    public func load(_ content: SiteContent) async throws -> InventoryReport {
        let report = try await store.syncInventory(InventoryBuilder.inventory(from: content, now: clock.now), now: clock.now)
        let cors = Self.cors(for: content, configuration: configuration)
        contentSnapshot.withLock { $0 = (content, cors) }
        for kept in report.keptWithBookings {
            log("inventory: slot \(kept.slotId) left the content but has \(kept.seatsTaken) seats booked; kept (no new holds)")
        }
        for over in report.overbooked {
            log("inventory: slot \(over.slotId) now has capacity \(over.capacity) but \(over.seatsTaken) seats are taken; no new holds")
        }
        return report
    }

    // MARK: - HTTPResponder

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let started = DispatchTime.now()
        let route = Route.match(request)
        let cors = corsPolicy
        var response: HTTPResponse
        do {
            response = try await handle(route, request, cors: cors)
        } catch let error as APIError {
            response = apiError(error)
        } catch {
            log("error on \(request.method) \(route.name): \(error)")
            response = route.isPage ? page(.error, title: "일시적인 오류가 발생했습니다", status: 500) : apiError(.internalError)
        }
        SecurityHeaders.apply(to: &response, request: request, isPage: route.isPage, cors: cors)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        metrics.record(method: request.method, route: route.name, status: response.status, seconds: seconds)
        return response
    }

    private func handle(_ route: Route, _ request: HTTPRequest, cors: CORSPolicy) async throws -> HTTPResponse {
        if request.method == "OPTIONS", route.isAPI { return cors.preflight(request) }
        if route.isAPI && request.method == "POST" && !cors.allowsWrite(from: request.headers["Origin"]) {
            throw APIError(status: 403, code: "FOREIGN_ORIGIN", message: "허용되지 않은 출처의 요청입니다.")
        }
        switch (route, request.method) {
        case (.reservations, "POST"): return try await createReservation(request)
        case (.availability, "GET"), (.availability, "HEAD"): return try await availability(request)
        case (.booking(let orderId), "GET"): return try await showBooking(orderId, request)
        case (.cancelBooking(let orderId), "POST"): return try await cancelBooking(orderId, request)
        case (.confirmSuccess, "GET"), (.confirmSuccess, "HEAD"): return try await confirmSuccess(request)
        case (.confirmFailed, "GET"), (.confirmFailed, "HEAD"): return try await confirmFailed(request)
        case (.webhook, "POST"): return try await webhook(request)
        case (.health, "GET"), (.health, "HEAD"): return try await health()
        case (.metrics, "GET"): return try await metricsPage()
        case (.notFound, _):
            return route.isAPI ? apiError(.notFound) : page(.error, title: "페이지를 찾을 수 없습니다", status: 404)
        default:
            var response = apiError(APIError(status: 405, code: "METHOD_NOT_ALLOWED", message: "허용되지 않은 요청 방식입니다."))
            response.headers.set("Allow", route.allowedMethods)
            return response
        }
    }

    // MARK: - Answers

    func json(_ status: Int, _ object: JSONValue) -> HTTPResponse {
        var response = HTTPResponse.json(status, object.text)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    func apiError(_ error: APIError) -> HTTPResponse {
        var response = HTTPResponse.json(error.status, error.json)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    func page(_ outcome: ResultPage.Outcome, title: String, status: Int, reason: String? = nil) -> HTTPResponse {
        var view = ResultPage(outcome: outcome, title: title)
        view.reason = reason
        return HTTPResponse.html(status, resultPages.render(view))
    }
}
