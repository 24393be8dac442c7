/// What the parser hands back: a complete request, or a refusal to answer with.
package enum HTTPParserEvent: Sendable {
    case request(HTTPRequest)
    case error(HTTPParseError)

    package var request: HTTPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    package var error: HTTPParseError? {
        if case .error(let error) = self { return error }
        return nil
    }
}
