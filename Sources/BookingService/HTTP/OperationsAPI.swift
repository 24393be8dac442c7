import BookingStore
import Foundation
import HTTPServer

/// What Toss and operators call: the webhook, `/healthz`, `/metrics`.
struct OperationsAPI: Sendable {
    let bookings: Bookings
    let metrics: ServiceMetrics

    /// `POST /webhooks/toss`: 200 once the truth is applied (or the payment is not ours);
    /// 400 for a body that is no Toss event; 503 when Toss could not be asked, so it retries.
    func webhook(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch try await bookings.applyWebhook(body: request.body) {
        case .applied, .unknownPayment, .ignoredEvent:
            return jsonAnswer(200, ["ok": true])
        case .lookupFailed:
            return jsonAnswer(503, ["ok": false])
        }
    }

    /// `GET /healthz`: the store answers.
    func health() async throws -> HTTPResponse {
        _ = try await bookings.stateCounts()
        var response = HTTPResponse.text(200, "ok\n")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `GET /metrics` (Prometheus). Keep it off the public internet (see docs/deploy.md).
    func metricsPage() async throws -> HTTPResponse {
        let counts = try await bookings.stateCounts()
        let states = BookingState.allCases.map { (labels: "state=\"\($0.rawValue)\"", value: counts[$0] ?? 0) }
        let text = metrics.render(gauges: [
            (name: "yeyak_bookings", help: "Bookings by effective state.", samples: states),
            (name: "yeyak_holds_live", help: "READY holds that still keep seats.", samples: [(labels: "", value: counts[.ready] ?? 0)]),
        ])
        var response = HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: text)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
