/// One client connection's state, owned by the event loop thread only (never shared).
final class Connection {
    enum State {
        /// Waiting for (the rest of) a request.
        case reading
        /// A responder task is running for the request that was just parsed.
        case responding(RequestInProgress)
        /// A response is being written.
        case writing
        /// The peer vanished while a responder was running: the fd stays open (and counted)
        /// until the task finishes, so tasks stay bounded by the connection cap.
        case orphaned
        /// We answered and closed our side; discarding what the peer still sends so our close
        /// does not turn into a reset that destroys the answer in flight.
        case lingering
    }

    /// What the access log needs once the response is written.
    struct RequestInProgress {
        var method: String
        var logPath: String
        var isHead: Bool
        var keepAlive: Bool
        var started: ContinuousClock.Instant
    }

    enum DeadlineKind { case header, body, idle, write, linger }

    let fd: Int32
    let id: UInt64
    let remoteAddress: String?
    var parser: HTTPRequestParser
    var state: State = .reading
    var output: [UInt8] = []
    var outputOffset = 0
    var closeAfterWrite = false
    var requestsStarted = 0
    var deadline: ContinuousClock.Instant?
    var deadlineKind: DeadlineKind = .header
    var pendingLog: AccessLogEntry?
    /// What this connection's parser held at the last count (part of the server-wide budget).
    var heldBytes = 0

    init(fd: Int32, id: UInt64, remoteAddress: String?, limits: HTTPLimits, bodyLimit: BodyLimitRule?) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestParser(limits: limits, bodyLimit: bodyLimit)
    }

    var isResponding: Bool {
        if case .responding = state { return true }
        return false
    }
}
