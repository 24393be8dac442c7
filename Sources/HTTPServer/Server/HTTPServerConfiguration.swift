/// Where the server listens and how much it tolerates; every field has a safe default.
package struct HTTPServerConfiguration: Sendable {
    package var host: String = "127.0.0.1"
    /// 0 asks the system for a free (ephemeral) port; read `HTTPServer.port` after `start()`.
    package var port: Int = 8080
    package var limits = HTTPLimits()
    /// The body limit per route (method and decoded path); nil: `limits.maxBodyBytes` everywhere.
    package var bodyLimit: BodyLimitRule?
    /// Request bytes the server buffers for all clients together (heads, partial bodies,
    /// pipelined input). A read that would go beyond it gets 503 and the connection is closed,
    /// so many slow uploads cannot grow memory without bound.
    package var maxBufferedBytes: Int = 64 * 1024 * 1024
    /// After an answer that ends the connection, how long the server keeps reading and
    /// discarding what the client still sends, so its close does not become a reset that
    /// destroys the answer before the client has read it.
    package var drainTime: Duration = .seconds(2)
    /// From a request's first byte (or the connection's opening) to the end of its header block:
    /// stops slowloris clients that trickle headers forever. Answered with 408.
    package var headerTimeout: Duration = .seconds(10)
    /// From the end of the header block to the end of the body. Answered with 408.
    package var bodyTimeout: Duration = .seconds(30)
    /// How long a keep-alive connection may sit between requests before it is closed silently.
    package var idleTimeout: Duration = .seconds(30)
    /// How long writing one response may take (a client that stops reading).
    package var writeTimeout: Duration = .seconds(30)
    /// Open connections beyond this get a fast 503 and are closed. nil: derived from the file
    /// limit at start (`ConnectionLimits.derive`); a value is still capped by what the file limit allows.
    package var maxConnections: Int?
    /// Connections from one address / one IPv4 /24 or IPv6 /64; nil: 1/8 (at least 16)
    /// and 1/4 of the cap.
    /// Behind a proxy on the same host every connection comes from the proxy: raise these.
    package var maxConnectionsPerAddress: Int?
    package var maxConnectionsPerNetwork: Int?
    /// How long the listener rests after `accept` failed for lack of descriptors and the
    /// reserved one could not be used (instead of spinning on a listener that stays readable).
    package var acceptBackoff: Duration = .milliseconds(100)
    /// After this many requests the connection is closed (`Connection: close` on the last one).
    package var maxRequestsPerConnection: Int = 1000
    /// How long `shutdown()` waits for in-flight requests before closing them anyway.
    package var shutdownGracePeriod: Duration = .seconds(10)
    /// Pending connections the kernel may queue before `accept`.
    package var backlog: Int = 256

    package init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
