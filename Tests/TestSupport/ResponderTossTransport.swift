import Foundation
import HTTPServer
import TossClient

/// Routes a request straight into an `HTTPResponder` (e.g. the sandbox) in the same process:
/// the client's whole logic runs, without sockets. `HTTPResponse.dropConnection` becomes
/// `TossTransportError.connectionClosed`, as a dropped socket would.
package struct ResponderTossTransport: TossTransport {
    private let responder: HTTPResponder

    package init(_ responder: HTTPResponder) { self.responder = responder }

    package func send(_ request: TossHTTPRequest) async throws -> TossHTTPReply {
        guard let components = URLComponents(string: request.url) else {
            throw TossTransportError.connectionFailed("no URL")
        }
        let encodedPath = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        var headers = HTTPHeaders()
        headers.add("Host", components.host.map { host in components.port.map { "\(host):\($0)" } ?? host } ?? "localhost")
        for (name, value) in request.headers { headers.add(name, value) }
        let body = request.body ?? []
        if !body.isEmpty { headers.set("Content-Length", String(body.count)) }
        let httpRequest = HTTPRequest(
            method: request.method,
            target: encodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? ""),
            path: encodedPath.removingPercentEncoding ?? encodedPath,
            query: (components.queryItems ?? []).map { (name: $0.name, value: $0.value ?? "") },
            headers: headers, body: body, remoteAddress: "in-process")
        let response = await responder.respond(to: httpRequest)
        try Task.checkCancellation()
        if response.isDropConnection { throw TossTransportError.connectionClosed }
        return TossHTTPReply(status: response.status, body: Data(response.body))
    }
}
