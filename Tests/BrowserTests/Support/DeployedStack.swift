import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Yeyak as an operator deploys it (docs/deploy.md), in a temporary folder: a copy of the sample
/// content whose `site.json` names the public origins, the pages built by `yeyak build`,
/// `yeyak serve` on its own port and `yeyak sandbox` standing in for Toss. Whatever serves the
/// pages (nginx, a static server) is the test's to start.
final class DeployedStack: @unchecked Sendable {
    static let widgetSecret = "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"

    let folder: TemporaryDirectory
    let servicePort: Int
    let sandboxPort: Int
    let siteOrigin: String
    let serviceOrigin: String
    var outputPath: String { folder.path + "/output" }
    var databasePath: String { folder.path + "/data/yeyak.sqlite" }
    private var processes: [RunningProcess] = []

    /// `siteOrigin`: where guests load the pages. `serviceOrigin`: where the pages call the
    /// service (the same origin behind nginx; another one when `separateServiceOrigin`).
    /// With a separate origin the service is started with `--site-origin` (CORS).
    init(siteOrigin: String, servicePort: Int, separateServiceOrigin: Bool) throws {
        folder = try TemporaryDirectory(prefix: "yeyak-deployed")
        self.servicePort = servicePort
        var sandboxPort = FreePort.find()
        while sandboxPort == servicePort { sandboxPort = FreePort.find() }
        self.sandboxPort = sandboxPort
        self.siteOrigin = siteOrigin
        serviceOrigin = separateServiceOrigin ? "http://127.0.0.1:\(servicePort)" : siteOrigin
        let sdkURL = "http://127.0.0.1:\(sandboxPort)/v2/standard"
        let root = SharedFolder.projectRoot
        let templates = root.appendingPathComponent("site-templates").path

        // The content an operator would publish: site.json says where the pages and the service are.
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: content)
        let siteFile = content.appendingPathComponent("site.json")
        var site = try JSONSerialization.jsonObject(with: Data(contentsOf: siteFile)) as? [String: Any] ?? [:]
        site["baseURL"] = siteOrigin + "/"
        site["serviceURL"] = serviceOrigin
        var toss = site["toss"] as? [String: Any] ?? [:]
        toss["sdkURL"] = sdkURL
        site["toss"] = toss
        try JSONSerialization.data(withJSONObject: site, options: [.prettyPrinted, .sortedKeys]).write(to: siteFile)

        let build = try ChildProcess.yeyak([
            "build", "--content", content.path, "--templates", templates, "--output", outputPath,
            "--base-url", siteOrigin + "/", "--service-url", serviceOrigin, "--toss-sdk-url", sdkURL,
        ])
        guard build.status == 0 else {
            throw RequiredTool.Missing(description: "yeyak build failed: \(build.standardOutput)\(build.standardError)")
        }

        let sandbox = try RunningProcess(ChildProcess.yeyakBinary, ["sandbox", "--port", "\(sandboxPort)"])
        processes.append(sandbox)
        guard sandbox.waitFor("Stop with Ctrl-C.") else {
            throw RequiredTool.Missing(description: "yeyak sandbox did not start: \(sandbox.printed)")
        }
        try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
        var serve = ["serve", "--content", content.path, "--templates", templates, "--db", databasePath,
                     "--host", "127.0.0.1", "--port", "\(servicePort)",
                     // As deploy/systemd/yeyak.service: nginx on loopback forwards the client address.
                     // Every test guest is 127.0.0.1 and the flows fill slots: no hold limits here.
                     "--trusted-proxy", "127.0.0.1", "--no-hold-limits"]
        if separateServiceOrigin { serve += ["--site-origin", siteOrigin] }
        let service = try RunningProcess(ChildProcess.yeyakBinary, serve, environment: [
            "TOSS_SECRET_KEY": Self.widgetSecret, "TOSS_API_BASE": "http://127.0.0.1:\(sandboxPort)",
        ])
        processes.append(service)
        guard service.waitFor("listening on") else {
            throw RequiredTool.Missing(description: "yeyak serve did not start: \(service.printed)")
        }
    }

    /// The stack as the test's side channel sees it (API calls go to `serviceOrigin`).
    var endpoints: StackEndpoints {
        StackEndpoints(site: siteOrigin, service: serviceOrigin, sandbox: "http://127.0.0.1:\(sandboxPort)",
                       databasePath: databasePath)
    }

    /// SIGTERM to the service and the sandbox; their exit statuses (0 when they stopped cleanly).
    @discardableResult
    func stop() -> [Int32?] {
        processes.reversed().map { process in
            guard process.process.isRunning else { return process.process.terminationStatus }
            process.signal(SIGTERM)
            return process.waitForExit(timeout: 20)
        }
    }

    var printed: String { processes.map(\.printed).joined(separator: "\n") }
}
