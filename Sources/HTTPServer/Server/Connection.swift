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
    /// The network (IPv4 /24, IPv6 /64) for the per-network cap.
    let network: String
    /// Neighbours in the loop's activity list (oldest first): how the longest-idle connection is
    /// found in O(1) when the server nears its cap.
    var older: Connection?
    var newer: Connection?
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

    init(fd: Int32, id: UInt64, peer: Socket.Peer, limits: HTTPLimits, bodyLimit: BodyLimitRule?) {
        self.fd = fd
        self.id = id
        self.remoteAddress = peer.address
        self.network = peer.network
        self.parser = HTTPRequestParser(limits: limits, bodyLimit: bodyLimit)
    }

    var isResponding: Bool {
        if case .responding = state { return true }
        return false
    }
}

/// Connections from least to most recently active (bytes read, answer written, accepted).
/// Owned by the loop thread; links are cleared on removal so no cycle outlives a connection.
struct ActivityList {
    private(set) var oldest: Connection?
    private var newest: Connection?

    mutating func touch(_ connection: Connection) {
        if newest === connection { return }
        remove(connection)
        connection.older = newest
        newest?.newer = connection
        newest = connection
        if oldest == nil { oldest = connection }
    }

    mutating func remove(_ connection: Connection) {
        guard connection.older != nil || connection.newer != nil || oldest === connection else { return }
        if let older = connection.older { older.newer = connection.newer } else { oldest = connection.newer }
        if let newer = connection.newer { newer.older = connection.older } else { newest = connection.older }
        connection.older = nil
        connection.newer = nil
    }
}
