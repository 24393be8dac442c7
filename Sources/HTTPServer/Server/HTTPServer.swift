import Synchronization

/// Our HTTP/1.1 server: one event-loop thread for sockets (level-triggered `epoll(7)`, see
/// `Poller`), a Swift `Task` per request for the responder (so SQLite or an outbound call never
/// stalls accepting and reading).
///
/// ```swift
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 8080), responder: service)
/// try server.start()
/// // ...
/// await server.shutdown()
/// ```
package final class HTTPServer: Sendable {
    package let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let accessLog: AccessLog?
    private let state = Mutex<(loop: EventLoop?, port: Int)>((nil, 0))

    package init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, accessLog: AccessLog? = .standardError) {
        self.configuration = configuration
        self.responder = responder
        self.accessLog = accessLog
    }

    /// Binds and listens, then serves on a background thread. Throws
    /// `HTTPServerError.addressInUse` when the port is taken.
    package func start() throws {
        try state.withLock { state in
            guard state.loop == nil else { throw HTTPServerError.alreadyStarted }
            let listenFD = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            let loop = try EventLoop(listenFD: listenFD, configuration: configuration, responder: responder, accessLog: accessLog)
            state = (loop, Socket.boundPort(listenFD))
            loop.start()
        }
    }

    /// The connection caps derived at `start()` from the file limit; nil before.
    package var connectionLimits: ConnectionLimits? { state.withLock { $0.loop?.limits } }

    /// The bound port (the real one when port 0 was asked); 0 before `start()`.
    package var port: Int { state.withLock { $0.port } }

    /// Stops accepting, lets in-flight requests finish (up to `shutdownGracePeriod`), closes
    /// every connection, and returns when the event loop has stopped.
    package func shutdown() async {
        guard let loop = state.withLock({ $0.loop }) else { return }
        await loop.shutdown()
    }
}
