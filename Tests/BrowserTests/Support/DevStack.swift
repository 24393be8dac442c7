import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `yeyak dev` as a new user runs it (site, service and sandbox), on free ports with a fresh
/// database and output folder in a temporary directory. The sample content and templates are
/// read in place, never written, unless `editable` asks for copies the test may edit.
final class DevStack: @unchecked Sendable {
    let folder: TemporaryDirectory
    let endpoints: StackEndpoints
    /// The content and templates folders `yeyak dev` watches.
    let content: URL
    let templates: URL
    private let process: RunningProcess

    /// `arguments` are added to `yeyak dev`'s command line (e.g. `--hold-seconds 8`).
    init(editable: Bool = false, arguments: [String] = []) throws {
        folder = try TemporaryDirectory(prefix: "yeyak-browser")
        let port = FreePort.find()
        var sandboxPort = FreePort.find()
        while sandboxPort == port { sandboxPort = FreePort.find() }
        let root = SharedFolder.projectRoot
        content = editable ? folder.url.appendingPathComponent("content") : root.appendingPathComponent("content")
        templates = editable ? folder.url.appendingPathComponent("site-templates") : root.appendingPathComponent("site-templates")
        if editable {
            try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: content)
            try FileManager.default.copyItem(at: root.appendingPathComponent("site-templates"), to: templates)
        }
        process = try RunningProcess(ChildProcess.yeyakBinary, [
            "dev", "--port", "\(port)", "--sandbox-port", "\(sandboxPort)",
            "--content", content.path,
            "--templates", templates.path,
            "--output", folder.path + "/output", "--data", folder.path + "/data",
            // Every test guest is 127.0.0.1 and the flows fill slots: no hold limits here.
            "--no-hold-limits",
        ] + arguments, environment: ["TOSS_SECRET_KEY": ""], currentDirectory: folder.url)
        guard process.waitFor("Stop with Ctrl-C.", timeout: 60) else {
            process.signal(SIGKILL)
            throw RequiredTool.Missing(description: "yeyak dev did not start:\n\(process.printed)")
        }
        endpoints = StackEndpoints(site: "http://127.0.0.1:\(port)", service: "http://127.0.0.1:\(port)",
                                   sandbox: "http://127.0.0.1:\(sandboxPort)",
                                   databasePath: folder.path + "/data/yeyak.sqlite")
    }

    /// Ctrl-C, as a developer stops it; the exit status (0 when it stopped cleanly).
    @discardableResult
    func stop() -> Int32? {
        guard process.process.isRunning else { return process.process.terminationStatus }
        process.signal(SIGINT)
        return process.waitForExit(timeout: 20)
    }

    var printed: String { process.printed }
}
