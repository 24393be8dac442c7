import Foundation
import HTTPServer
import YeyakContent

/// Cross-origin rules. The site may live on another origin than the service (a CDN); only
/// that configured origin may call the API from a browser, and a browser request from any
/// other origin may not change anything.
struct CORSPolicy: Sendable {
    let siteOrigin: String?
    let serviceOrigin: String?

    init(siteOrigin: String?, serviceOrigin: String?) {
        self.siteOrigin = siteOrigin
        self.serviceOrigin = serviceOrigin
    }

    /// The policy for a content load: the configured site origin, and the service's own origin
    /// from the site file.
    init(siteOrigin: String?, site: Site) {
        self.init(siteOrigin: siteOrigin, serviceOrigin: WebOrigin.of(site.serviceURL))
    }

    /// The Access-Control-Allow-Origin value for `origin`, when it is the configured site.
    func allowedOrigin(_ origin: String?) -> String? {
        guard let origin, let siteOrigin, origin == siteOrigin else { return nil }
        return origin
    }

    /// No Origin (curl, same-origin GET), the service's own origin, or the configured site.
    func allowsWrite(from origin: String?) -> Bool {
        guard let origin, origin != "null" || siteOrigin == "null" else { return origin == nil }
        return origin == serviceOrigin || origin == siteOrigin
    }

    func preflight(_ request: HTTPRequest) -> HTTPResponse {
        guard let allowed = allowedOrigin(request.headers["Origin"]) else {
            return HTTPResponse.json(403, APIError.foreignOrigin.json)
        }
        var response = HTTPResponse(status: 204)
        response.headers.set("Access-Control-Allow-Origin", allowed)
        response.headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        response.headers.set("Access-Control-Allow-Headers", "Content-Type, X-Customer-Key")
        response.headers.set("Access-Control-Max-Age", "600")
        response.headers.set("Vary", "Origin")
        return response
    }
}

/// A web origin as browsers send it in `Origin`: `scheme://host[:port]`, default port left out.
package enum WebOrigin {
    package static func of(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = url.port, port != defaultPort { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }
}

/// Headers every answer carries. The success URL holds a paymentKey, so no Referer may leave.
enum SecurityHeaders {
    static func apply(to response: inout HTTPResponse, request: HTTPRequest, isPage: Bool, cors: CORSPolicy) {
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Referrer-Policy", "no-referrer")
        response.headers.set("X-Frame-Options", "DENY")
        if isPage {
            let site = cors.siteOrigin.map { " " + $0 } ?? ""
            response.headers.set("Content-Security-Policy",
                                 "default-src 'none'; style-src 'self'\(site); img-src 'self'\(site) data:; "
                                     + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            if !response.headers.contains("Cache-Control") { response.headers.set("Cache-Control", "no-store") }
        }
        if let allowed = cors.allowedOrigin(request.headers["Origin"]), !response.headers.contains("Access-Control-Allow-Origin") {
            response.headers.set("Access-Control-Allow-Origin", allowed)
            response.headers.add("Vary", "Origin")
        }
    }
}
