#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The single thread that accepts, reads, parses and writes, driven by `Poller` (level-triggered).
///
/// Everything on `connections` is touched by the loop thread only. The only cross-thread
/// traffic is the `inbox` (finished responses and the shutdown request) plus a self-pipe that
/// wakes the poll when something is put there.
final class EventLoop: @unchecked Sendable {
    private struct Inbox {
        var responses: [(fd: Int32, id: UInt64, response: HTTPResponse)] = []
        var shutdownRequested = false
        var stopped = false
        var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let accessLog: AccessLog?
    private let poller: Poller
    /// Derived at start from the file limit and the configuration.
    let limits: ConnectionLimits
    /// Self-pipe: responder tasks write a byte to `wakeWriteFD` to wake the loop.
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let inbox = Mutex(Inbox())

    // Loop-thread state.
    private var listenFD: Int32
    private var connections: [Int32: Connection] = [:]
    private var nextConnectionID: UInt64 = 0
    private var shutdownDeadline: ContinuousClock.Instant?
    private let clock = ContinuousClock()
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Bytes held by every connection's parser together (`configuration.maxBufferedBytes`).
    private var totalHeldBytes = 0
    private var activity = ActivityList()
    private var connectionsPerAddress: [String: Int] = [:]
    private var connectionsPerNetwork: [String: Int] = [:]
    /// Kept open for the moment `accept` fails with EMFILE/ENFILE: closed to accept the waiting
    /// client, answer it 503 and close it, then reopened (-1 while it cannot be).
    private var reserveFD: Int32 = -1
    /// While set, the listener is not watched (descriptors ran out and the reserve was gone).
    private var acceptPausedUntil: ContinuousClock.Instant?
    /// Deadlines are checked in one sweep at most this often (a sweep visits every connection).
    private static let sweepInterval: Duration = .milliseconds(50)
    private var nextSweep: ContinuousClock.Instant

    init(listenFD: Int32, configuration: HTTPServerConfiguration, responder: any HTTPResponder, accessLog: AccessLog?) throws(HTTPServerError) {
        // A peer that closes early must never kill the process; sends also use MSG_NOSIGNAL.
        signal(SIGPIPE, SIG_IGN)
        self.listenFD = listenFD
        self.configuration = configuration
        self.responder = responder
        self.accessLog = accessLog
        self.limits = ConnectionLimits.derive(
            fileLimit: ConnectionLimits.currentFileLimit(), configured: configuration.maxConnections,
            perAddress: configuration.maxConnectionsPerAddress, perNetwork: configuration.maxConnectionsPerNetwork)
        nextSweep = clock.now
        do { poller = try Poller() } catch { close(listenFD); throw error }
        reserveFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { close(listenFD); throw .systemCall("pipe", errno: errno) }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        (wakeReadFD, wakeWriteFD) = (ends[0], ends[1])
        poller.watch(listenFD, for: .readable)
        poller.watch(wakeReadFD, for: .readable)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "HTTPServer event loop"
        thread.start()
    }

    // MARK: - Cross-thread entry points

    /// Called from a responder task: hands the response to the loop thread.
    private func deliver(fd: Int32, id: UInt64, response: HTTPResponse) {
        inbox.withLock { $0.responses.append((fd, id, response)) }
        wake()
    }

    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = inbox.withLock { inbox -> Bool in
                if inbox.stopped { return true }
                inbox.shutdownRequested = true
                inbox.shutdownWaiters.append(continuation)
                return false
            }
            if alreadyStopped { continuation.resume() } else { wake() }
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)  // a full pipe already means "wake up"; fine to drop
    }

    // MARK: - The loop

    private func run() {
        var drain = [UInt8](repeating: 0, count: 256)
        while true {
            for (fd, events) in poller.wait(timeout: millisecondsUntilNextSweep()) {
                if fd == listenFD {
                    acceptConnections()
                } else if fd == wakeReadFD {
                    while read(wakeReadFD, &drain, drain.count) > 0 {}
                    processInbox()
                } else if let connection = connections[fd] {
                    handle(events, on: connection)
                }
            }
            let now = clock.now
            if now >= nextSweep {
                nextSweep = now + Self.sweepInterval
                expireDeadlines()
            }
            if let until = acceptPausedUntil, now >= until, listenFD >= 0 {
                acceptPausedUntil = nil
                poller.watch(listenFD, for: .readable)
            }
            if shutdownDeadline != nil && connections.isEmpty { break }
        }
        if reserveFD >= 0 { close(reserveFD) }
        close(wakeReadFD)
        close(wakeWriteFD)
        if listenFD >= 0 { close(listenFD) }
        let waiters = inbox.withLock { inbox in
            inbox.stopped = true
            defer { inbox.shutdownWaiters = [] }
            return inbox.shutdownWaiters
        }
        waiters.forEach { $0.resume() }
    }

    private func processInbox() {
        let (responses, shutdownRequested) = inbox.withLock { inbox in
            defer { inbox.responses = [] }
            return (inbox.responses, inbox.shutdownRequested)
        }
        for (fd, id, response) in responses {
            guard let connection = connections[fd], connection.id == id else { continue }
            finishRequest(connection, with: response)
        }
        if shutdownRequested && shutdownDeadline == nil { beginShutdown() }
    }

    private func beginShutdown() {
        shutdownDeadline = clock.now + configuration.shutdownGracePeriod
        unregister(listenFD)
        close(listenFD)
        listenFD = -1
        for connection in Array(connections.values) {
            switch connection.state {
            case .reading where connection.parser.phase == .idle, .lingering:
                closeNow(connection)
            default:
                connection.closeAfterWrite = true
            }
        }
    }

    // MARK: - Accepting

    private func acceptConnections() {
        var accepted = 0
        while listenFD >= 0, accepted < 256 {  // then let the connections have a turn
            switch Socket.accept(listenFD) {
            case .accepted(let fd, let peer):
                accepted += 1
                admit(fd, peer)
            case .wouldBlock:
                return
            case .failed:
                continue
            case .outOfDescriptors:
                if answerWithReserve() { continue }
                // Nothing to accept with: rest the listener instead of spinning on it.
                poller.watch(listenFD, for: [])
                acceptPausedUntil = clock.now + configuration.acceptBackoff
                return
            }
        }
    }

    /// Counts the new connection in, or answers 503 when the server or this client is at its cap.
    private func admit(_ fd: Int32, _ peer: Socket.Peer) {
        if connections.count >= limits.reclaimFrom { reclaimIdle() }
        guard connections.count < limits.total else { return rejectOverCapacity(fd) }
        guard connectionsPerAddress[peer.address, default: 0] < limits.perAddress,
              connectionsPerNetwork[peer.network, default: 0] < limits.perNetwork else {
            return rejectOverCapacity(fd, reason: "Too many connections from your network, try again shortly.\n")
        }
        nextConnectionID += 1
        let connection = Connection(fd: fd, id: nextConnectionID, peer: peer, limits: configuration.limits,
                                    bodyLimit: configuration.bodyLimit)
        connections[fd] = connection
        connectionsPerAddress[peer.address, default: 0] += 1
        connectionsPerNetwork[peer.network, default: 0] += 1
        activity.touch(connection)
        setDeadline(connection, .header, after: configuration.headerTimeout)
        updateInterest(connection)
    }

    /// Near the cap, the longest-idle connection that is only waiting for bytes (a silent
    /// socket, an idle keep-alive, a trickling upload, a drain) makes room for the new one.
    /// Connections with a responder running or an answer being written are never reclaimed.
    private func reclaimIdle() {
        var candidate = activity.oldest
        for _ in 0..<64 {
            guard let connection = candidate else { return }
            switch connection.state {
            case .reading, .lingering:
                return release(connection)
            case .responding, .writing, .orphaned:
                candidate = connection.newer
            }
        }
    }

    /// `accept` failed for lack of descriptors: free the reserved one, take the waiting client,
    /// tell it 503, close it, take the reserve back. False when there is no reserve to use.
    private func answerWithReserve() -> Bool {
        guard reserveFD >= 0 else {
            reserveFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
            return false
        }
        close(reserveFD)
        reserveFD = -1
        let result = Socket.accept(listenFD)
        if case .accepted(let fd, _) = result {
            rejectOverCapacity(fd, reason: "The server is out of connections, try again shortly.\n")
        }
        reserveFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        if case .accepted = result { return reserveFD >= 0 }
        return false
    }

    /// A fast, fixed 503 without parsing anything, so a flood costs almost nothing.
    private func rejectOverCapacity(_ fd: Int32, reason: String = "Too many connections, try again shortly.\n") {
        let response = ResponseSerializer.serialize(.text(503, reason), isHead: false, keepAlive: false)
        _ = Socket.send(fd, response.bytes[...])
        Glibc.shutdown(fd, Int32(SHUT_WR))
        close(fd)
        accessLog?.record(AccessLogEntry(method: "-", path: "-", status: 503, bytes: response.bodyBytes, duration: .zero))
    }

    // MARK: - Reading

    private func handle(_ events: Poller.Events, on connection: Connection) {
        let hangUp = !events.isDisjoint(with: .failed)
        switch connection.state {
        case .reading, .lingering:
            if events.contains(.readable) || hangUp { readAvailable(connection) }
        case .writing:
            if events.contains(.writable) { writePending(connection) } else if hangUp { closeNow(connection) }
        case .responding:
            // Only errors and hang-ups are reported here (interest is empty while a responder runs).
            if hangUp { closeNow(connection) }
        case .orphaned:
            break
        }
    }

    private func readAvailable(_ connection: Connection) {
        for _ in 0..<4 {  // then let other connections have a turn
            let result = readBuffer.withUnsafeMutableBytes { Socket.receive(connection.fd, into: $0) }
            switch result {
            case .bytes(let count):
                if case .lingering = connection.state { continue }
                guard totalHeldBytes + count <= configuration.maxBufferedBytes else {
                    return refuse(connection, HTTPParseError(status: 503, reason: "the server is busy, try again shortly"))
                }
                connection.parser.append(readBuffer[0..<count])
                activity.touch(connection)
                updateHeldBytes(connection)
                parseNext(connection)
                guard case .reading = connection.state else { return }
            case .wouldBlock:
                return
            case .endOfStream, .failed:
                // Only read while no request is pending, so a complete request the peer sent
                // before half-closing has been started and will still be answered (the
                // responder's slot is kept by `closeNow`); a request cut short never completes.
                closeNow(connection)
                return
            }
        }
    }

    private func updateHeldBytes(_ connection: Connection) {
        let held = connection.parser.heldByteCount
        totalHeldBytes += held - connection.heldBytes
        connection.heldBytes = held
    }

    /// Answers `error` without a request (parse errors, limits, deadlines), then closes if it says so.
    private func refuse(_ connection: Connection, _ error: HTTPParseError) {
        if error.closeConnection { connection.closeAfterWrite = true }
        connection.state = .responding(Connection.RequestInProgress(
            method: "-", logPath: "-", isHead: false, keepAlive: !error.closeConnection, started: clock.now))
        finishRequest(connection, with: ResponseSerializer.errorResponse(error))
    }

    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Starts the next buffered request, answers a parse error, or waits for more bytes.
    private func parseNext(_ connection: Connection) {
        guard case .reading = connection.state else { return }
        defer { updateHeldBytes(connection) }
        switch connection.parser.next() {
        case .request(var request)?:
            request.remoteAddress = connection.remoteAddress
            startResponder(connection, request)
        case .error(let error)?:
            // The final status instead of 100 Continue, too (e.g. 413 before the body).
            refuse(connection, error)
        case nil:
            if connection.parser.expectsContinue {
                // The head asked whether to send the body: yes. 25 bytes into an idle socket.
                connection.parser.continueSent()
                _ = Socket.send(connection.fd, Self.continueBytes[...])
            }
            switch connection.parser.phase {
            case .head where connection.deadlineKind == .idle:
                setDeadline(connection, .header, after: configuration.headerTimeout)
            case .body where connection.deadlineKind != .body:
                setDeadline(connection, .body, after: configuration.bodyTimeout)
            default:
                break
            }
            updateInterest(connection)
        }
    }

    private func startResponder(_ connection: Connection, _ request: HTTPRequest) {
        connection.requestsStarted += 1
        let logPath = String(request.target.prefix { $0 != "?" })
        connection.state = .responding(Connection.RequestInProgress(
            method: request.method, logPath: logPath, isHead: request.method == "HEAD",
            keepAlive: request.wantsKeepAlive, started: clock.now))
        connection.deadline = nil
        updateInterest(connection)
        let (fd, id, responder) = (connection.fd, connection.id, responder)
        Task { [self] in
            let response = await responder.respond(to: request)
            deliver(fd: fd, id: id, response: response)
        }
    }

    // MARK: - Writing

    private func finishRequest(_ connection: Connection, with response: HTTPResponse) {
        if case .orphaned = connection.state { return closeNow(connection) }
        guard case .responding(let progress) = connection.state else { return }
        if response.isDropConnection {
            log(progress, status: 0, bytes: 0)
            return release(connection)
        }
        let responderWantsClose = response.headers.values(for: "Connection").contains { $0.lowercased().contains("close") }
        let keepAlive = progress.keepAlive && !connection.closeAfterWrite && !responderWantsClose
            && shutdownDeadline == nil && connection.requestsStarted < configuration.maxRequestsPerConnection
        connection.closeAfterWrite = !keepAlive
        let output = ResponseSerializer.serialize(response, isHead: progress.isHead, keepAlive: keepAlive)
        connection.pendingLog = AccessLogEntry(
            method: progress.method, path: progress.logPath, status: output.status, bytes: output.bodyBytes,
            duration: .zero)
        connection.output = output.bytes
        connection.outputOffset = 0
        connection.state = .writing
        setDeadline(connection, .write, after: configuration.writeTimeout)
        pendingStarts[connection.id] = progress.started
        writePending(connection)
    }

    private var pendingStarts: [UInt64: ContinuousClock.Instant] = [:]

    private func writePending(_ connection: Connection) {
        while connection.outputOffset < connection.output.count {
            guard let written = Socket.send(connection.fd, connection.output[connection.outputOffset...]) else {
                pendingStarts[connection.id] = nil
                return closeNow(connection)
            }
            if written == 0 { return updateInterest(connection) }
            connection.outputOffset += written
        }
        connection.output = []
        connection.outputOffset = 0
        activity.touch(connection)
        if var entry = connection.pendingLog {
            if let started = pendingStarts.removeValue(forKey: connection.id) { entry.duration = clock.now - started }
            accessLog?.record(entry)
            connection.pendingLog = nil
        }
        if connection.closeAfterWrite { return closeGracefully(connection) }
        connection.state = .reading
        setDeadline(connection, .idle, after: configuration.idleTimeout)
        parseNext(connection)  // a pipelined request may already be buffered
    }

    private func log(_ progress: Connection.RequestInProgress, status: Int, bytes: Int) {
        accessLog?.record(AccessLogEntry(
            method: progress.method, path: progress.logPath, status: status, bytes: bytes,
            duration: clock.now - progress.started))
    }

    // MARK: - Closing

    /// Our answer is out: send FIN, then drain what the peer still sends for a moment so the
    /// kernel does not reset the connection (which could discard the answer) on close.
    private func closeGracefully(_ connection: Connection) {
        Glibc.shutdown(connection.fd, Int32(SHUT_WR))
        if shutdownDeadline != nil {
            // Stopping: drain what already arrived, then go (no lingering).
            _ = readBuffer.withUnsafeMutableBytes { Socket.receive(connection.fd, into: $0) }
            return release(connection)
        }
        connection.state = .lingering
        setDeadline(connection, .linger, after: configuration.drainTime)
        updateInterest(connection)
    }

    private func closeNow(_ connection: Connection) {
        if connection.isResponding {
            // Keep the slot (and fd number) until the responder task hands back its response.
            unregister(connection.fd)
            connection.state = .orphaned
            connection.deadline = nil
            return
        }
        release(connection)
    }

    /// Closes the descriptor and forgets the connection, whatever it was doing.
    private func release(_ connection: Connection) {
        totalHeldBytes -= connection.heldBytes
        connection.heldBytes = 0
        activity.remove(connection)
        if let address = connection.remoteAddress { Self.decrement(&connectionsPerAddress, address) }
        Self.decrement(&connectionsPerNetwork, connection.network)
        unregister(connection.fd)
        close(connection.fd)
        connections[connection.fd] = nil
        pendingStarts[connection.id] = nil
    }

    private static func decrement(_ counts: inout [String: Int], _ key: String) {
        if let count = counts[key], count > 1 { counts[key] = count - 1 } else { counts[key] = nil }
    }

    // MARK: - Deadlines

    private func setDeadline(_ connection: Connection, _ kind: Connection.DeadlineKind, after duration: Duration) {
        connection.deadlineKind = kind
        connection.deadline = clock.now + duration
    }

    /// Until the next deadline sweep (or the listener's rest ends); a second when nothing is open.
    private func millisecondsUntilNextSweep() -> Int32 {
        var next = connections.isEmpty && shutdownDeadline == nil ? clock.now + .seconds(1) : nextSweep
        if let until = acceptPausedUntil, until < next { next = until }
        let remaining = clock.now.duration(to: next)
        if remaining <= .zero { return 0 }
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(min(milliseconds, 1000))
    }

    private func expireDeadlines() {
        let now = clock.now
        if let shutdownDeadline, now >= shutdownDeadline {
            for connection in Array(connections.values) {
                release(connection)  // give up on tasks still running
            }
            return
        }
        for connection in connections.values {
            guard let deadline = connection.deadline, now >= deadline else { continue }
            connection.deadline = nil
            switch connection.deadlineKind {
            case .header, .body:
                // Too slow to send its request: say so, then close.
                refuse(connection, HTTPParseError(status: 408, reason: "the request took too long to arrive"))
            case .idle, .write, .linger:
                closeNow(connection)
            }
        }
    }

    // MARK: - Readiness

    private func updateInterest(_ connection: Connection) {
        switch connection.state {
        case .reading, .lingering: poller.watch(connection.fd, for: .readable)
        case .writing: poller.watch(connection.fd, for: .writable)
        case .responding: poller.watch(connection.fd, for: [])
        case .orphaned: poller.forget(connection.fd)
        }
    }

    private func unregister(_ fd: Int32) {
        poller.forget(fd)
    }
}
