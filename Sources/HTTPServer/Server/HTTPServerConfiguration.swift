/// Where the server listens and how much it tolerates; every field has a safe default.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 asks the system for a free (ephemeral) port; read `HTTPServer.port` after `start()`.
    public var port: Int = 8080
    public var limits = HTTPLimits()
    /// From a request's first byte (or the connection's opening) to the end of its header block:
    /// stops slowloris clients that trickle headers forever. Answered with 408.
    public var headerTimeout: Duration = .seconds(10)
    /// From the end of the header block to the end of the body. Answered with 408.
    public var bodyTimeout: Duration = .seconds(30)
    /// How long a keep-alive connection may sit between requests before it is closed silently.
    public var idleTimeout: Duration = .seconds(30)
    /// How long writing one response may take (a client that stops reading).
    public var writeTimeout: Duration = .seconds(30)
    /// Open connections beyond this get a fast 503 and are closed.
    public var maxConnections: Int = 512
    /// After this many requests the connection is closed (`Connection: close` on the last one).
    public var maxRequestsPerConnection: Int = 1000
    /// How long `shutdown()` waits for in-flight requests before closing them anyway.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Pending connections the kernel may queue before `accept`.
    public var backlog: Int = 256

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
