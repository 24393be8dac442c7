/// A response a responder returns; the server adds `Content-Length`, `Date` and `Connection`.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A UTF-8 body with the given content type.
    package init(status: Int, contentType: String, body: String, headers: HTTPHeaders = HTTPHeaders()) {
        var headers = headers
        headers.set("Content-Type", contentType)
        self.init(status: status, headers: headers, body: Array(body.utf8))
    }

    package static func html(_ status: Int = 200, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: body)
    }

    package static func text(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: body)
    }

    /// `body` must already be serialized JSON.
    package static func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: body)
    }
}

/// Whatever answers requests: the booking service, the sandbox, the dev server's router.
package protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) async -> HTTPResponse
}

/// A closure as a responder, for tests and small adapters.
package struct ClosureResponder: HTTPResponder {
    private let body: @Sendable (HTTPRequest) async -> HTTPResponse
    package init(_ body: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) { self.body = body }
    package func respond(to request: HTTPRequest) async -> HTTPResponse { await body(request) }
}

extension HTTPResponse {
    /// Tells the server to close the connection without writing anything: the sandbox uses it
    /// to play "the payment was applied but the response was lost".
    package static let dropConnection = HTTPResponse(status: 0)
    package var isDropConnection: Bool { status == 0 }
}
