import BookingService
import BookingStore
import DevServer
import Foundation
import HTTPServer
import ServicePages
import SiteBuilder
import TossClient
import TossSandbox
import YeyakContent

/// `yeyak dev`: the whole stack for a new user in one command. The sandbox (or the real Toss test
/// API), the booking service on a database under `--data`, and the built site, all behind one
/// local port; `content/` and `site-templates/` are watched and open pages reload.
enum DevCommand {
    static let command = Command(
        name: "dev", summary: "Build the site and run it with the service and the Toss sandbox on one port.",
        discussion: """
            Opens http://HOST:PORT/ with the pages from --output and the service's routes (/api/,
            /restaurant/confirm/, /webhooks/, /healthz, /metrics). Payments go to a local Toss sandbox on
            127.0.0.1:--sandbox-port (nothing is charged). With --real-toss, TOSS_SECRET_KEY set to a test
            secret key and a test client key in content/site.json, the real Toss test API and SDK are used
            instead. Edits to --content and --templates rebuild the site and reload open pages.
            Ctrl-C (SIGINT) or SIGTERM stops everything.
            """,
        options: [
            .value("--port", "N", "The port for the site and the service.", default: "8080"),
            .value("--host", "HOST", "The address to listen on.", default: "127.0.0.1"),
            .value("--sandbox-port", "N", "The Toss sandbox's port (on 127.0.0.1).", default: "8090"),
            .value("--content", "DIR", "The content folder.", default: "content"),
            .value("--templates", "DIR", "The templates folder (with assets/).", default: "site-templates"),
            .value("--output", "DIR", "Where the site is built.", default: "output"),
            .value("--data", "DIR", "Where the development database lives.", default: ".yeyak-dev"),
            .flag("--fresh", "Delete the development database first (every booking is forgotten)."),
            .flag("--real-toss", "Use the real Toss test API and SDK (needs TOSS_SECRET_KEY; see docs/sandbox.md)."),
            .value("--hold-seconds", "S", "How long a hold keeps its seats; a short one shows the booking page's countdown running out.", default: "900"),
        ] + HoldLimitOptions.specs
    ) { arguments in
        let settings = try Settings(arguments)
        return try await run(settings)
    }

    /// The parsed options, resolved once.
    struct Settings {
        var host: String
        var port: Int
        var sandboxPort: Int
        var content: URL
        var templates: URL
        var output: URL
        var data: URL
        var fresh: Bool
        var realToss: Bool
        /// Whose forwarded address is believed (none by default: browsers talk to yeyak dev
        /// directly) and the hold limits, as for `yeyak serve`.
        var clientAddresses: ClientAddressResolver
        var holdLimits: HoldLimits
        /// How long a hold keeps its seats (`yeyak serve --hold-minutes`, here in seconds so a
        /// test or a curious developer can watch a hold lapse).
        var holdSeconds: Int
        /// The folders as the user wrote them, for the banner.
        var shown: (content: String, templates: String, output: String, data: String)

        init(_ arguments: ParsedArguments) throws {
            host = arguments.value("--host")!
            port = try arguments.integer("--port", in: 1...65535)!
            sandboxPort = try arguments.integer("--sandbox-port", in: 1...65535)!
            if port == sandboxPort && LocalAddress.forBrowsers(host) == "127.0.0.1" {
                throw UsageError("--port and --sandbox-port must differ")
            }
            content = URL(fileURLWithPath: arguments.value("--content")!, isDirectory: true)
            templates = URL(fileURLWithPath: arguments.value("--templates")!, isDirectory: true)
            output = URL(fileURLWithPath: arguments.value("--output")!, isDirectory: true)
            data = URL(fileURLWithPath: arguments.value("--data")!, isDirectory: true)
            fresh = arguments.has("--fresh")
            realToss = arguments.has("--real-toss")
            clientAddresses = try HoldLimitOptions.clientAddresses(arguments)
            holdLimits = try HoldLimitOptions.limits(arguments)
            holdSeconds = try arguments.integer("--hold-seconds", in: 5...3600)!
            shown = (arguments.value("--content")!, arguments.value("--templates")!, arguments.value("--output")!,
                     arguments.value("--data")!)
        }

        /// `http://127.0.0.1:8080`: the pages' and the service's origin.
        var origin: String { "http://\(LocalAddress.forBrowsers(host)):\(port)" }
        var databasePath: String { data.appendingPathComponent("yeyak.sqlite").path }
    }

    static func run(_ settings: Settings) async throws -> Int32 {
        // Watch signals first: a Ctrl-C during start-up still stops cleanly below.
        let termination = TerminationWaiter()
        let signals = SignalWatcher.onTermination { _ in termination.signal() }
        defer { signals.cancel() }

        let content: SiteContent
        do {
            content = try ContentLoader.load(from: settings.content)
        } catch {
            throw CommandFailure(error.description)
        }
        let mode = try DevTossMode.choose(realToss: settings.realToss, environment: ProcessInfo.processInfo.environment,
                                          clientKey: content.site.tossClientKey)
        if !settings.realToss, !(ProcessInfo.processInfo.environment["TOSS_SECRET_KEY"] ?? "").isEmpty {
            log("TOSS_SECRET_KEY is set but not used: yeyak dev uses the sandbox unless you pass --real-toss")
        }
        try await ensurePortIsFree(host: settings.host, port: settings.port)

        // 1. Toss: the sandbox, webhooks pointing at our service.
        var sandbox: SandboxHost?
        let toss: TossClientConfiguration
        var overrides = SiteOverrides(baseURL: URL(string: settings.origin + "/"), serviceURL: URL(string: settings.origin))
        switch mode {
        case .sandbox:
            let started = try SandboxHost.start(
                host: "127.0.0.1", port: settings.sandboxPort,
                configuration: SandboxConfiguration(webhookURL: URL(string: settings.origin + "/webhooks/toss")),
                portFlag: "--sandbox-port", accessLog: .lines { log("sandbox: " + $0) })
            sandbox = started
            toss = TossClientConfiguration(secretKey: MerchantKeys.docsWidget.secretKey, baseURL: URL(string: started.baseURL)!)
            overrides.tossSDKURL = URL(string: started.sdkURL)
            overrides.tossClientKey = MerchantKeys.docsWidget.clientKey
        case .realTest(let secretKey, let apiBase):
            toss = TossClientConfiguration(secretKey: secretKey, baseURL: apiBase)
            overrides.tossSDKURL = DevTossMode.realSDKURL
        }

        // 2. The service, on the development database.
        if settings.fresh { try deleteDatabase(at: settings.databasePath) }
        // The result pages are re-read from the templates with every content load (a rebuild
        // reloads the service), with the dev origin's links.
        var options = ServiceStack.Options(contentDirectory: settings.content, databasePath: settings.databasePath, toss: toss,
                                           resultPages: TemplateResultPages.loader(templatesFolder: settings.templates))
        options.configuration.clientAddresses = settings.clientAddresses
        options.configuration.holdDuration = TimeInterval(settings.holdSeconds)
        options.storeOptions.holdLimits = settings.holdLimits
        options.baseURL = overrides.baseURL
        options.serviceURL = overrides.serviceURL
        let stack: ServiceStack
        do {
            stack = try await ServiceStack.open(options, log: log)
        } catch {
            await sandbox?.stop()
            throw CommandFailure("the service cannot start: \(error)")
        }

        // 3. The site, rebuilt on change, and the one port in front of both. What stops a
        // rebuild (or the service's reload) is shown over every open page until it is fixed.
        let problem = BuildProblem()
        let live = LiveSite(
            rebuilder: SiteRebuilder(content: settings.content, templates: settings.templates, output: settings.output,
                                     overrides: overrides),
            problem: problem,
            log: { Terminal.say("yeyak dev: " + UntrustedText.visible($0)) },
            onRebuilt: {
                do {
                    try await stack.reloadContent()
                } catch {
                    problem.report("\(error)")
                    log("the service kept its content and result pages: \(error)")
                }
            },
            refusal: {
                // An edit that would sell booked seats twice (a renamed table without renamedFrom)
                // is refused before the pages change; content mistakes are the build's to report.
                guard let content = try? ContentLoader.load(from: settings.content),
                      let problems = try? await ContentEditCheck.problems(content, store: stack.store, now: Date()),
                      !problems.isEmpty else { return nil }
                return ContentErrors(problems).description
            })
        let server: HTTPServer
        do {
            let report = try live.buildNow()
            Terminal.say("Built \(report.pages) pages into \(folder(settings.shown.output)): \(report.summary)")
            let router = DevRouter(service: stack.service, isServicePath: { BookingServiceRoutes.owns(path: $0) },
                                   site: StaticFileResponder(root: settings.output.path), version: live.version,
                                   problem: problem)
            var configuration = HTTPServerConfiguration(host: settings.host, port: settings.port)
            configuration.maxConnections = 1024
            configuration.shutdownGracePeriod = .seconds(5)
            // The pages take no body; the service's paths their own limits.
            configuration.bodyLimit = { method, path in
                BookingServiceRoutes.owns(path: path) ? BookingServiceRoutes.bodyLimit(method, path) : 0
            }
            server = HTTPServer(configuration: configuration, responder: router, accessLog: .lines { line in
                if !line.contains(" /__dev/") { log(line) }
            })
            try server.start()
        } catch {
            await stack.close()
            await sandbox?.stop()
            throw CommandFailure("\(error)")
        }
        live.startWatching()
        Terminal.say(banner(settings, sandbox: sandbox, mode: mode))

        await termination.wait()
        log("stopping: finishing in-flight requests")
        await live.stop()
        await server.shutdown()
        await stack.close()
        await sandbox?.stop()
        log("stopped")
        return 0
    }

    /// What to open, said once and plainly.
    static func banner(_ settings: Settings, sandbox: SandboxHost?, mode: DevTossMode) -> String {
        var lines = ["", "yeyak dev is running.", "", "  Open the site:  \(settings.origin)/"]
        switch mode {
        case .sandbox:
            let base = sandbox?.baseURL ?? ""
            lines += [
                "  Toss sandbox:   \(base)/  (SANDBOX payment window: approve, decline or cancel; nothing is charged)",
                "                  SDK \(base)/v2/standard, admin \(base)/__sandbox/payments",
            ]
        case .realTest(_, let apiBase):
            lines += ["  Toss:           the REAL Toss test API (\(apiBase.absoluteString)) and SDK with TOSS_SECRET_KEY; test mode, nothing is charged"]
        }
        lines += [
            "  Database:       \(folder(settings.shown.data))yeyak.sqlite  (--fresh starts empty)",
            "  Watching:       \(folder(settings.shown.content)) and \(folder(settings.shown.templates)) -> \(folder(settings.shown.output)); open pages reload",
            "",
            "Stop with Ctrl-C.",
        ]
        return lines.joined(separator: "\n")
    }

    private static func folder(_ text: String) -> String { text.hasSuffix("/") ? text : text + "/" }

    /// Fails before the database or output/ are touched when the port is taken.
    /// Awaits the probe's shutdown rather than blocking for it: start-up runs on a pool thread,
    /// and with a one-thread pool a blocking wait would starve the very task it waits for.
    static func ensurePortIsFree(host: String, port: Int) async throws {
        let probe = HTTPServer(configuration: HTTPServerConfiguration(host: host, port: port),
                               responder: ClosureResponder { _ in .text(503, "Starting.\n") }, accessLog: nil)
        do {
            try probe.start()
        } catch {
            throw CommandFailure("\(error)")
        }
        await probe.shutdown()
    }

    static func deleteDatabase(at path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        log("--fresh: deleted the development database \(path)")
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("yeyak dev: \(UntrustedText.visible(line))\n".utf8))
    }
}
