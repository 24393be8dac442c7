#if canImport(Glibc)
import Glibc
#endif

/// Turns a responder's `HTTPResponse` into bytes on the wire; the one place outgoing headers
/// are validated, so no responder can split a response with a CR or LF in a header.
enum ResponseSerializer {
    struct Output {
        var bytes: [UInt8]
        /// Status actually sent (500 when the responder's response was invalid).
        var status: Int
        var bodyBytes: Int
    }

    /// The server owns framing: these fields from a responder are replaced.
    private static let serverOwnedFields: Set<String> = ["content-length", "transfer-encoding", "connection", "date"]

    static func serialize(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool, date: String = httpDate()) -> Output {
        var response = response
        if !isValid(response) {
            response = .text(500, "The response could not be sent.\n")
        }
        let status = response.status
        let bodyAllowed = !(100..<200).contains(status) && status != 204 && status != 304
        let body = bodyAllowed ? response.body : []

        var head = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        head += "Date: \(date)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        if bodyAllowed { head += "Content-Length: \(body.count)\r\n" }
        for field in response.headers where !serverOwnedFields.contains(field.name.lowercased()) {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !isHead { bytes += body }
        return Output(bytes: bytes, status: status, bodyBytes: isHead ? 0 : body.count)
    }

    /// Names must be tokens, values free of CR, LF, NUL and other controls, status three digits.
    static func isValid(_ response: HTTPResponse) -> Bool {
        (100...999).contains(response.status)
            && response.headers.allSatisfy { HTTPSyntax.isToken($0.name) && HTTPSyntax.isFieldValue($0.value) }
    }

    /// An error answer with a short plain-text body.
    static func errorResponse(_ error: HTTPParseError) -> HTTPResponse {
        .text(error.status, "\(reasonPhrase(error.status)): \(error.reason)\n")
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ seconds: time_t = time(nil)) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}
