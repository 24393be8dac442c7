import BookingService
import BookingStore
import ServicePages
import Foundation
import HTTPServer
import TossClient
import YeyakContent
import Synchronization

/// `yeyak serve`: the booking service on one port, until SIGTERM/SIGINT; SIGHUP reloads content.
enum ServeCommand {
    static let command = Command(
        name: "serve", summary: "Run the booking service (holds, Toss redirects, refunds, webhooks).",
        discussion: """
            Secrets come from the environment: TOSS_SECRET_KEY (required) and TOSS_API_BASE
            (default https://api.tosspayments.com), or from --env-file outside content/ and output/.
            SIGHUP re-reads the content; SIGTERM or SIGINT stops gracefully.
            """,
        options: [
            .value("--content", "DIR", "The content folder.", default: "content"),
            .value("--db", "FILE|URL", "The SQLite database (created if missing), or a postgres:// URL: several instances may share one PostgreSQL database (docs/deploy.md).", default: "data/yeyak.sqlite"),
            .value("--db-connections", "N", "With a postgres:// --db: connections this instance keeps (each on its own thread); every one waits for its own commit, so more connections, more holds/s (three instances at 24 use 72 of PostgreSQL's default 100).", default: "24"),
            .value("--host", "HOST", "The address to listen on.", default: "127.0.0.1"),
            .value("--port", "N", "The port to listen on.", default: "8081"),
            .value("--site-origin", "URL", "The pages' origin when they are served from another origin (CORS)."),
            .value("--hold-minutes", "M", "How long a hold keeps its seats.", default: "15"),
            .value("--templates", "DIR", "Templates for the result pages.", default: "site-templates"),
            .value("--env-file", "FILE", "KEY=VALUE file with TOSS_SECRET_KEY (outside content/ and output/)."),
            .value("--metrics-listen", "ADDR:PORT", "Serve Prometheus /metrics on this address only (default: no metrics; never on the public port), e.g. 127.0.0.1:9464."),
            .value("--max-connections-per-client", "N", "Connections from one address or /24 (/64) at most (default: 1/8 and 1/4 of the cap derived from the file limit; raise it behind a proxy)."),
        ] + HoldLimitOptions.specs + NotifyOptions.specs
    ) { arguments in
        // Signals first: a SIGHUP while starting (systemd reload, logrotate) is applied once
        // serving instead of killing us, and SIGTERM/SIGINT stop cleanly at any point.
        let signals = StartupSignals()
        defer { signals.cancel() }
        AllocatorTuning.limitArenas()
        var options = try serviceOptions(arguments)
        options.metricsOnServicePort = false
        let metricsAddress = try arguments.value("--metrics-listen").map(hostAndPort)
        let port = try arguments.integer("--port", in: 0...65535)!
        // Bind before the database is touched: a start that cannot serve must not sync its
        // (maybe stale) content into the live database. Requests get 503 until the stack is ready.
        let front = StartingResponder()
        ConnectionLimits.raiseFileLimit()  // the cap is derived from it when the server starts
        var serverConfiguration = HTTPServerConfiguration(host: arguments.value("--host")!, port: port)
        if let perClient = try arguments.integer("--max-connections-per-client", in: 1...1_000_000) {
            serverConfiguration.maxConnectionsPerAddress = perClient
            serverConfiguration.maxConnectionsPerNetwork = perClient
        }
        serverConfiguration.bodyLimit = BookingServiceRoutes.bodyLimit
        let server = HTTPServer(configuration: serverConfiguration, responder: front)
        do {
            try server.start()
        } catch {
            throw CommandFailure("\(error) (nothing was changed in \(PostgresBookingStore.redacted(options.databasePath)))")
        }
        let stack: ServiceStack
        do {
            stack = try await openStackWaitingOutLocks(options)
        } catch {
            await server.shutdown()
            throw error
        }
        front.serve(stack.service)
        var metricsServer: HTTPServer?
        if let (host, metricsPort) = metricsAddress {
            let service = stack.service
            var configuration = HTTPServerConfiguration(host: host, port: metricsPort)
            configuration.bodyLimit = { _, _ in 0 }
            let server = HTTPServer(configuration: configuration, responder: ClosureResponder { request in
                guard request.path == "/metrics" else { return .text(404, "Not found.\n") }
                guard request.method == "GET" else {
                    var refused = HTTPResponse.text(405, "GET only.\n")
                    refused.headers.set("Allow", "GET")
                    return refused
                }
                return await service.metricsPage()
            }, accessLog: nil)
            do { try server.start() } catch {
                await server.shutdown()
                await stack.close()
                throw CommandFailure("--metrics-listen \(host):\(metricsPort): \(error)")
            }
            metricsServer = server
            log("metrics on http://\(host):\(server.port)/metrics")
        }
        log("listening on http://\(arguments.value("--host")!):\(server.port) (database \(stack.store.location))")
        if let limits = server.connectionLimits {
            log("connections: at most \(limits.total), \(limits.perAddress) per address, \(limits.perNetwork) per network")
        }
        let systemd = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
        signals.serving(reload: {
            systemd.notify("RELOADING=1")
            defer { systemd.notify("READY=1") }
            try await stack.reloadContent()
        })
        systemd.notify("READY=1")
        await signals.waitForTermination()
        systemd.notify("STOPPING=1")
        log("stopping: finishing in-flight requests")
        await server.shutdown()
        await metricsServer?.shutdown()
        await stack.close()
        log("stopped")
        return 0
    }

    /// `127.0.0.1:9464` or `[::1]:9464` -> host and port.
    static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              text[text.index(after: colon)...].allSatisfy(\.isNumber), (0...65535).contains(port), colon != text.startIndex else {
            throw UsageError("--metrics-listen must be ADDR:PORT such as 127.0.0.1:9464, not '\(text)'")
        }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host, port)
    }

    static func serviceOptions(_ arguments: ParsedArguments) throws -> ServiceStack.Options {
        var environment = ProcessInfo.processInfo.environment
        if let file = arguments.value("--env-file") {
            let values = try EnvironmentFile.load(file, publishedFolders: ["output", arguments.value("--content") ?? "content"])
            environment.merge(values) { current, _ in current }
        }
        guard let toss = try tossConfiguration(environment) else {
            throw CommandFailure("TOSS_SECRET_KEY is not set; set it in the environment or --env-file (for local work, 'yeyak dev' runs the Toss sandbox)")
        }
        let minutes = try arguments.integer("--hold-minutes", in: 1...60)!
        var configuration = ServiceConfiguration(holdDuration: Double(minutes) * 60)
        if let origin = arguments.value("--site-origin") {
            guard let url = URL(string: origin), url.path.isEmpty || url.path == "/", let normalized = WebOrigin.of(url) else {
                throw UsageError("--site-origin must be an origin such as https://www.yeyak.example, not '\(origin)'")
            }
            configuration.siteOrigin = normalized
        }
        configuration.clientAddresses = try HoldLimitOptions.clientAddresses(arguments)
        var options = ServiceStack.Options(
            contentDirectory: URL(fileURLWithPath: arguments.value("--content")!, isDirectory: true),
            databasePath: arguments.value("--db")!, toss: toss, configuration: configuration,
            resultPages: try ResultPagesLoader.loader(templates: arguments.value("--templates")!))
        options.storeOptions.holdLimits = try HoldLimitOptions.limits(arguments)
        options.postgresConnections = try arguments.integer("--db-connections", in: 1...200)!
        if let text = environment[SkewedClock.variable] {
            guard let seconds = Double(text), seconds.isFinite, abs(seconds) <= 86_400 else {
                throw UsageError("\(SkewedClock.variable) must be a number of seconds (at most a day either way), not '\(text)'")
            }
            options.clock = SkewedClock(offset: seconds)
            log("\(SkewedClock.variable)=\(text): this instance's clock is off by \(text) s on purpose (a clock-skew drill)")
        }
        try NotifyOptions.apply(arguments, environment: environment, to: &options)
        return options
    }

    /// The database briefly locked by another connection (an operator's sqlite3 shell, a long
    /// staff write) while starting: keep answering 503 and try again, for up to two minutes,
    /// instead of exiting (a unit that fails five times in a minute stays down). Nothing else is
    /// retried: content errors and another service on the database end the start at once.
    static func openStackWaitingOutLocks(_ options: ServiceStack.Options) async throws -> ServiceStack {
        let deadline = Date().addingTimeInterval(120)
        while true {
            do {
                return try await openStack(options)
            } catch BookingStoreError.sqlite(let code, let message, _) where (code == 5 || code == 6) && Date() < deadline {
                log("the database is locked by another connection (\(message)); retrying in 1 s")
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    static func openStack(_ options: ServiceStack.Options) async throws -> ServiceStack {
        do {
            return try await ServiceStack.open(options, log: log)
        } catch let error as ContentErrors {
            throw CommandFailure(error.description)
        } catch let error as DatabaseLock.Held {
            throw CommandFailure(error.description)
        } catch BookingStoreError.badDatabaseURL(let reason) {
            throw CommandFailure(reason)
        }
    }

    static func log(_ line: String) {
        // One event, one line: untrusted parts (a webhook's paymentKey, a code) are escaped.
        FileHandle.standardError.write(Data("yeyak: \(UntrustedText.visible(line))\n".utf8))
    }
}

/// `yeyak serve`'s signals from its first instruction: SIGHUP before `serving(reload:)` is
/// remembered and applied once (content is read at start anyway, but an operator who edited it
/// during a slow start gets what they asked for); SIGTERM/SIGINT end `waitForTermination()`
/// whenever they come, also before it is called.
final class StartupSignals: Sendable {
    private final class State: Sendable {
        let value = Mutex<(reload: (@Sendable () async throws -> Void)?, pending: Bool)>((nil, false))
    }
    private let state = State()
    private let waiter = TerminationWaiter()
    private let watchers: [SignalWatcher]

    init() {
        let state = self.state, waiter = self.waiter
        watchers = [
            SignalWatcher.onReload {
                let reload = state.value.withLock { state -> (@Sendable () async throws -> Void)? in
                    if state.reload == nil { state.pending = true }
                    return state.reload
                }
                if let reload { Self.run(reload) } else { ServeCommand.log("SIGHUP while starting: content is re-read once serving") }
            },
            SignalWatcher.onTermination { _ in waiter.signal() },
        ]
    }

    /// From now on SIGHUP runs `reload`; a SIGHUP received while starting runs it now.
    func serving(reload: @escaping @Sendable () async throws -> Void) {
        let pending = state.value.withLock { state -> Bool in
            state.reload = reload
            defer { state.pending = false }
            return state.pending
        }
        if pending { Self.run(reload) }
    }

    func waitForTermination() async { await waiter.wait() }

    func cancel() { watchers.forEach { $0.cancel() } }

    private static func run(_ reload: @escaping @Sendable () async throws -> Void) {
        Task {
            do { try await reload() } catch { ServeCommand.log("reload refused, keeping the old content: \(error)") }
        }
    }
}

/// Resumes one waiting task when the first termination signal arrives.
final class TerminationWaiter: Sendable {
    private let state = Mutex<(signalled: Bool, continuation: CheckedContinuation<Void, Never>?)>((false, nil))

    func signal() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.signalled = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.signalled { return true }
                state.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// `--notify-url` and the webhook secret: booking notifications (invariant 12).
enum NotifyOptions {
    static let secretVariable = "YEYAK_WEBHOOK_SECRET"

    static let specs: [OptionSpec] = [
        .value("--notify-url", "URL", "Send signed booking notifications (webhooks) here; the secret is YEYAK_WEBHOOK_SECRET. A restaurant's notifyURL in content overrides it."),
        .value("--notify-retry-seconds", "S", "The first retry of a failed notification waits this long, each next one twice as long (up to an hour, for three days).", default: "10"),
    ]

    /// `YEYAK_WEBHOOK_SECRET_EULJIRO_GOGI=...` -> ["euljiro-gogi": ...]: one secret per restaurant
    /// that has its own `notifyURL`.
    static func restaurantSecrets(_ environment: [String: String]) -> [String: String] {
        let prefix = secretVariable + "_"
        var secrets: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix(prefix) && !value.isEmpty {
            secrets[name.dropFirst(prefix.count).lowercased().replacingOccurrences(of: "_", with: "-")] = value
        }
        return secrets
    }

    static func apply(_ arguments: ParsedArguments, environment: [String: String], to options: inout ServiceStack.Options) throws {
        let secret = environment[secretVariable].flatMap { $0.isEmpty ? nil : $0 }
        var url: URL?
        if let text = arguments.value("--notify-url") {
            guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
                throw UsageError("--notify-url must be an http:// or https:// address, not '\(text)'")
            }
            guard secret != nil else {
                throw CommandFailure("--notify-url needs the signing secret in \(secretVariable) (environment or --env-file)")
            }
            url = parsed
        }
        // Without a secret nothing is sent: events wait in the outbox (`yeyak notifications list`).
        guard let secret else { return }
        let templates = URL(fileURLWithPath: arguments.value("--templates")!, isDirectory: true)
        options.notificationMessages = { try TemplateNotificationMessages(templatesFolder: templates) }
        var settings = NotificationSettings(url: url, secret: secret)
        settings.restaurantSecrets = restaurantSecrets(environment)
        let retry = try arguments.integer("--notify-retry-seconds", in: 1...3600)!
        settings.firstRetryDelay = TimeInterval(retry)
        options.notifications = settings
    }
}
