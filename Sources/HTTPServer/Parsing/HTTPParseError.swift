/// Why a request was refused: the status to answer with and whether the connection can go on.
///
/// `closeConnection` is true whenever the parser can no longer tell where the next request
/// starts (bad framing, limits hit mid-stream); then the only safe move is to answer and close.
package struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package var status: Int
    /// A short human explanation, sent as the error body.
    package var reason: String
    package var closeConnection: Bool

    package init(status: Int, reason: String, closeConnection: Bool = true) {
        self.status = status
        self.reason = reason
        self.closeConnection = closeConnection
    }

    package var description: String { "\(status) \(reason)" }

    static func badRequest(_ reason: String, close: Bool = true) -> HTTPParseError {
        HTTPParseError(status: 400, reason: reason, closeConnection: close)
    }
}
