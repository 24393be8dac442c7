import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Real nginx in the foreground, configured from `deploy/nginx/yeyak-local.conf.template` (the
/// production routing on 127.0.0.1 without TLS), with every file it writes under a temporary
/// prefix. The test owns the process (`daemon off`) and stops it with SIGQUIT, nginx's graceful
/// shutdown.
final class NginxProcess: @unchecked Sendable {
    let port: Int
    let prefix: TemporaryDirectory
    let configPath: String
    private let process: RunningProcess

    var origin: String { "http://127.0.0.1:\(port)" }
    var accessLog: String { (try? prefix.read("access.log")) ?? "" }
    var errorLog: String { (try? prefix.read("error.log")) ?? "" }

    /// Fills the template (root, port, service port, prefix), checks it with `nginx -t`, starts
    /// nginx and waits until `/healthz` answers through it.
    init(port: Int, root: String, servicePort: Int) throws {
        let nginx = try RequiredTool.nginx
        self.port = port
        prefix = try TemporaryDirectory(prefix: "yeyak-nginx")
        let template = try String(contentsOf: SharedFolder.projectRoot
            .appendingPathComponent("deploy/nginx/yeyak-local.conf.template"), encoding: .utf8)
        let config = template
            .replacingOccurrences(of: "@ROOT@", with: root)
            .replacingOccurrences(of: "@PORT@", with: "\(port)")
            .replacingOccurrences(of: "@SERVICE_PORT@", with: "\(servicePort)")
            .replacingOccurrences(of: "@PREFIX@", with: prefix.path)
        precondition(!config.contains("@"), "every placeholder is filled")
        configPath = try prefix.write("nginx.conf", config).path
        let arguments = ["-p", prefix.path, "-e", prefix.path + "/error.log", "-c", configPath]

        let check = try ChildProcess.run(URL(fileURLWithPath: nginx), ["-t"] + arguments, timeout: 30)
        guard check.status == 0 else {
            throw RequiredTool.Missing(description: "nginx -t refused the filled template:\n\(check.standardError)")
        }
        process = try RunningProcess(URL(fileURLWithPath: nginx), arguments)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let reply = try? LoopbackHTTP.send("GET", origin + "/healthz", timeout: 2), reply.status == 200 { return }
            guard process.process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = errorLog
        stop()
        throw RequiredTool.Missing(description: "nginx did not answer /healthz: \(process.printed)\n\(log)")
    }

    /// SIGQUIT (graceful stop); the exit status, 0 when nginx stopped cleanly.
    @discardableResult
    func stop() -> Int32? {
        guard process.process.isRunning else { return process.process.terminationStatus }
        // Graceful first; a graceful nginx waits out idle keep-alive connections (the browser's)
        // for up to keepalive_timeout (60 s), so then the fast stop, which also exits 0.
        process.signal(SIGQUIT)
        let graceful = Date().addingTimeInterval(5)
        while process.process.isRunning && Date() < graceful { Thread.sleep(forTimeInterval: 0.05) }
        if process.process.isRunning { process.signal(SIGTERM) }
        return process.waitForExit(timeout: 15)
    }
}
