import Foundation
import HTTPServer
import TossSandbox

/// A `TossSandbox` on our HTTP server: what `yeyak sandbox` runs, and what `yeyak dev` starts
/// beside the site.
struct SandboxHost {
    let sandbox: TossSandbox
    let server: HTTPServer
    /// `http://127.0.0.1:8090`, no trailing slash: the `TOSS_API_BASE` for a Toss client.
    let baseURL: String

    /// The SDK stand-in, for a page's `toss.sdkURL`.
    var sdkURL: String { baseURL + "/v2/standard" }

    /// Binds and serves; a taken port is a `CommandFailure` whose message says which flag to change.
    static func start(host: String, port: Int, configuration: SandboxConfiguration, portFlag: String,
                      accessLog: AccessLog?) throws -> SandboxHost {
        let sandbox = TossSandbox(configuration: configuration)
        var serverConfiguration = HTTPServerConfiguration(host: host, port: port)
        serverConfiguration.maxConnections = 1024
        // The `timeout` faults hold callers; do not let them hold up Ctrl-C for long.
        serverConfiguration.shutdownGracePeriod = .seconds(2)
        let server = HTTPServer(configuration: serverConfiguration, responder: sandbox, accessLog: accessLog)
        do {
            try server.start()
        } catch HTTPServerError.addressInUse(let host, let port) {
            throw CommandFailure("port \(port) on \(host) is already in use (the Toss sandbox's; pick another \(portFlag))")
        } catch {
            throw CommandFailure("the Toss sandbox cannot listen: \(error)")
        }
        let base = configuration.publicBaseURL ?? "http://\(LocalAddress.forBrowsers(host)):\(server.port)"
        return SandboxHost(sandbox: sandbox, server: server, baseURL: base)
    }

    /// Stops the server (in-flight calls finish first). Pending webhook retries end with the
    /// process: `WebhookDispatcher.cancelAll()` is not called because cancelling a task inside
    /// `URLSession.data(for:)` just as the delivery completes deadlocks in swift-corelibs-foundation
    /// (the task-status lock against URLSession's work queue; seen in `yeyak dev` tests).
    func stop() async {
        await server.shutdown()
    }
}

/// The address to print for a listening host: a wildcard is reached through loopback.
enum LocalAddress {
    static func forBrowsers(_ host: String) -> String {
        host == "0.0.0.0" || host == "::" || host.isEmpty ? "127.0.0.1" : host
    }
}
