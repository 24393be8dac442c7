import Foundation
import HTTPServer
import Synchronization

/// The responder on a port bound before the service behind it is ready: `yeyak serve` binds
/// first (a port in use must refuse the start before the database is touched), then opens the
/// store and syncs the content. Until then every request is a short 503 with `Retry-After`.
package final class StartingResponder: HTTPResponder {
    private let target = Mutex<(any HTTPResponder)?>(nil)

    package init() {}

    /// From now on, requests go to `responder`.
    package func serve(_ responder: any HTTPResponder) { target.withLock { $0 = responder } }

    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        if let responder = target.withLock({ $0 }) { return await responder.respond(to: request) }
        var response = HTTPResponse.text(503, "starting: try again in a moment\n")
        response.headers.set("Retry-After", "1")
        return response
    }
}
