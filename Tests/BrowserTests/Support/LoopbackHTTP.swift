import Foundation
import TestSupport

/// JSON over HTTP/1.1 to a local program (chromedriver, the service's API, the sandbox's admin),
/// one connection per request, no cache, no cookies. Raw sockets rather than URLSession: on Linux
/// URLSession (libcurl) refuses chromedriver's `Content-Length:250` header (no space).
enum LoopbackHTTP {
    struct Reply: @unchecked Sendable {
        let status: Int
        let body: [UInt8]
        let response: RawHTTPResponse

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object (an empty one when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

        func header(_ name: String) -> String? { response.header(name) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `method url` (http://127.0.0.1:PORT/...) with an optional JSON body and headers.
    static func send(
        _ method: String, _ url: String, json: Any? = nil, headers: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> Reply {
        let body = try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        return try send(method, url, body: body, contentType: "application/json; charset=utf-8", headers: headers, timeout: timeout)
    }

    /// Sends `body` (when given) as `contentType`.
    static func send(
        _ method: String, _ url: String, body: [UInt8]?, contentType: String, headers: [String: String] = [:],
        timeout: TimeInterval = 60
    ) throws -> Reply {
        guard let target = URLComponents(string: url), target.host == "127.0.0.1", let port = target.port else {
            throw Failure(description: "not a loopback URL with a port: \(url)")
        }
        let path = (target.percentEncodedPath.isEmpty ? "/" : target.percentEncodedPath)
            + (target.percentEncodedQuery.map { "?" + $0 } ?? "")
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if body != nil { head += "Content-Type: \(contentType)\r\n" }
        if body != nil || method == "POST" { head += "Content-Length: \(body?.count ?? 0)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let client = try RawHTTPClient(port: port, timeout: timeout)
        try client.send(Array((head + "\r\n").utf8) + (body ?? []))
        guard let response = try client.readResponse(bodyExpected: method != "HEAD") else {
            throw Failure(description: "\(method) \(url): the connection closed without an answer")
        }
        return Reply(status: response.status, body: response.body, response: response)
    }

    static func get(_ url: String) throws -> Reply { try send("GET", url) }
}
