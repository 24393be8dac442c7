import Foundation
import Synchronization

/// Request counts and latencies for `/metrics`, in the Prometheus text format.
///
/// Routes are recorded by their pattern (`/api/bookings/{orderId}`), never the raw path, and
/// methods outside `methodLabels` share the label `OTHER`, so order ids do not leak into metrics
/// and the number of series stays bounded whatever clients send.
package final class ServiceMetrics: Sendable {
    /// Upper bounds in seconds; chosen around the 50 ms p99 target.
    package static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

    private struct RouteKey: Hashable { let method: String; let route: String; let status: Int }
    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServiceMetrics.latencyBuckets.count)
        var count = 0
        var sum = 0.0
    }
    private struct State {
        var requests: [RouteKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var events: [String: Int] = [:]
    }
    private let state = Mutex(State())

    package init() {}

    /// The methods with a label of their own; any other (made-up) method is counted as `OTHER`,
    /// so no client can add series to `/metrics` by inventing method names.
    package static let methodLabels: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    package static func methodLabel(_ method: String) -> String { methodLabels.contains(method) ? method : "OTHER" }

    package func record(method: String, route: String, status: Int, seconds: Double) {
        let method = Self.methodLabel(method)
        state.withLock { state in
            state.requests[RouteKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            histogram.count += 1
            histogram.sum += seconds
            for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound {
                histogram.counts[index] += 1
            }
            state.latency[route] = histogram
        }
    }

    /// Counts a business event, e.g. `confirm_unknown_outcome`, `reconciled_paid`.
    package func count(_ event: String) {
        state.withLock { $0.events[event, default: 0] += 1 }
    }


    /// The exposition text; `gauges` are sampled by the caller (live holds, bookings by state).
    package func render(gauges: [(name: String, help: String, samples: [(labels: String, value: Int)])]) -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP yeyak_http_requests_total HTTP requests by route and status.")
        lines.append("# TYPE yeyak_http_requests_total counter")
        for (key, value) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            lines.append("yeyak_http_requests_total{method=\"\(key.method)\",route=\"\(key.route)\",status=\"\(key.status)\"} \(value)")
        }
        lines.append("# HELP yeyak_http_request_duration_seconds Time to answer, by route.")
        lines.append("# TYPE yeyak_http_request_duration_seconds histogram")
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            for (index, bound) in Self.latencyBuckets.enumerated() {
                lines.append("yeyak_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(histogram.counts[index])")
            }
            lines.append("yeyak_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)")
            lines.append("yeyak_http_request_duration_seconds_sum{route=\"\(route)\"} \(histogram.sum)")
            lines.append("yeyak_http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)")
        }
        lines.append("# HELP yeyak_events_total Payment and booking events.")
        lines.append("# TYPE yeyak_events_total counter")
        for (event, value) in snapshot.events.sorted(by: { $0.key < $1.key }) {
            lines.append("yeyak_events_total{event=\"\(event)\"} \(value)")
        }
        for gauge in gauges {
            lines.append("# HELP \(gauge.name) \(gauge.help)")
            lines.append("# TYPE \(gauge.name) gauge")
            for sample in gauge.samples {
                lines.append(sample.labels.isEmpty ? "\(gauge.name) \(sample.value)" : "\(gauge.name){\(sample.labels)} \(sample.value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
