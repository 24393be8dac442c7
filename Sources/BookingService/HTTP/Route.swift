import HTTPServer

/// The service's routes, matched on the already-decoded path. `name` is the pattern used in
/// metrics and logs, so order ids never end up there.
enum Route: Equatable {
    case reservations
    case availability
    case booking(orderId: String)
    case cancelBooking(orderId: String)
    case lookup
    case cancelLookup
    case confirmSuccess
    case confirmFailed
    case webhook
    case health
    case metrics
    case notFound(api: Bool)

    static func match(_ request: HTTPRequest) -> Route {
        let path = request.path
        switch path {
        case "/api/reservations", "/api/reservations/": return .reservations
        case "/api/availability", "/api/availability/": return .availability
        case "/api/lookup", "/api/lookup/": return .lookup
        case "/api/lookup/cancel", "/api/lookup/cancel/": return .cancelLookup
        case "/restaurant/confirm/success/", "/restaurant/confirm/success": return .confirmSuccess
        case "/restaurant/confirm/failed/", "/restaurant/confirm/failed": return .confirmFailed
        case "/webhooks/toss", "/webhooks/toss/": return .webhook
        case "/healthz": return .health
        case "/metrics": return .metrics
        default: break
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.count == 3, parts[0] == "api", parts[1] == "bookings" { return .booking(orderId: parts[2]) }
        if parts.count == 4, parts[0] == "api", parts[1] == "bookings", parts[3] == "cancel" {
            return .cancelBooking(orderId: parts[2])
        }
        return .notFound(api: path.hasPrefix("/api/"))
    }

    var name: String {
        switch self {
        case .reservations: return "/api/reservations"
        case .availability: return "/api/availability"
        case .booking: return "/api/bookings/{orderId}"
        case .cancelBooking: return "/api/bookings/{orderId}/cancel"
        case .lookup: return "/api/lookup"
        case .cancelLookup: return "/api/lookup/cancel"
        case .confirmSuccess: return "/restaurant/confirm/success/"
        case .confirmFailed: return "/restaurant/confirm/failed/"
        case .webhook: return "/webhooks/toss"
        case .health: return "/healthz"
        case .metrics: return "/metrics"
        case .notFound: return "(unmatched)"
        }
    }

    var isAPI: Bool {
        switch self {
        case .reservations, .availability, .booking, .cancelBooking, .lookup, .cancelLookup: return true
        case .notFound(let api): return api
        default: return false
        }
    }

    /// HTML pages (the Toss redirects) get an HTML error page, not JSON.
    var isPage: Bool { self == .confirmSuccess || self == .confirmFailed || self == .notFound(api: false) }

    var allowedMethods: String {
        switch self {
        case .reservations, .cancelBooking, .lookup, .cancelLookup, .webhook: return "POST, OPTIONS"
        case .metrics: return "GET"
        default: return "GET, HEAD, OPTIONS"
        }
    }
}

/// Which paths the booking service answers, for whatever sits in front of it (`yeyak dev`'s one
/// port; production's nginx in deploy/ has the same list): every path `Route.match` names, and
/// anything else under the service's folders, which gets the service's own 404.
package enum BookingServiceRoutes {
    /// The body a reservation or a Toss webhook may have: far above a real one (a few hundred
    /// bytes), far below what a slow client could use to pin memory.
    package static let maxBodyBytes = 16 * 1024

    /// The server's `BodyLimitRule`: 16 KiB for the routes that read a body (POST to
    /// reservations, a booking's cancel, a lookup and its cancel, the webhook), none (413) for
    /// everything else.
    package static let bodyLimit: BodyLimitRule = { method, path in
        guard method == "POST" else { return 0 }
        switch Route.match(HTTPRequest(method: method, target: path, path: path)) {
        case .reservations, .cancelBooking, .lookup, .cancelLookup, .webhook: return maxBodyBytes
        default: return 0
        }
    }

    package static func owns(path: String) -> Bool {
        if path == "/healthz" || path == "/metrics" { return true }
        let folder = path.hasSuffix("/") ? path : path + "/"
        return ["/api/", "/restaurant/confirm/", "/webhooks/"].contains { folder.hasPrefix($0) }
    }
}
