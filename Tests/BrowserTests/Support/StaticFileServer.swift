import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A plain static host for a folder (`python3 -m http.server`), standing in for a CDN: it knows
/// nothing about Yeyak, so whatever works on it works on any static host.
final class StaticFileServer: @unchecked Sendable {
    let port: Int
    private let process: RunningProcess

    var origin: String { "http://127.0.0.1:\(port)" }

    init(folder: String, port: Int = FreePort.find()) throws {
        let python = try RequiredTool.python3
        self.port = port
        process = try RunningProcess(URL(fileURLWithPath: python),
                                     ["-u", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", folder])
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let reply = try? LoopbackHTTP.send("HEAD", origin + "/", timeout: 2), reply.status > 0 { return }
            guard process.process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw RequiredTool.Missing(description: "python3 -m http.server did not start: \(process.printed)")
    }

    func stop() {
        guard process.process.isRunning else { return }
        process.signal(SIGTERM)
        process.waitForExit(timeout: 10)
    }
}
