import BookingService
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
            .value("--db", "FILE", "The SQLite database (created if missing).", default: "data/yeyak.sqlite"),
            .value("--host", "HOST", "The address to listen on.", default: "127.0.0.1"),
            .value("--port", "N", "The port to listen on.", default: "8081"),
            .value("--site-origin", "URL", "The pages' origin when they are served from another origin (CORS)."),
            .value("--hold-minutes", "M", "How long a hold keeps its seats.", default: "15"),
            .value("--templates", "DIR", "Templates for the result pages.", default: "site-templates"),
            .value("--env-file", "FILE", "KEY=VALUE file with TOSS_SECRET_KEY (outside content/ and output/)."),
        ] + HoldLimitOptions.specs + NotifyOptions.specs
    ) { arguments in
        AllocatorTuning.limitArenas()
        let options = try serviceOptions(arguments)
        let port = try arguments.integer("--port", in: 0...65535)!
        let stack = try await openStack(options)
        var serverConfiguration = HTTPServerConfiguration(host: arguments.value("--host")!, port: port)
        serverConfiguration.maxConnections = 1024
        let server = HTTPServer(configuration: serverConfiguration, responder: stack.service)
        do {
            try server.start()
        } catch {
            await stack.close()
            throw CommandFailure("\(error)")
        }
        log("listening on http://\(arguments.value("--host")!):\(server.port) (database \(options.databasePath))")
        await runUntilTerminated(reload: { try await stack.reloadContent() })
        log("stopping: finishing in-flight requests")
        await server.shutdown()
        await stack.close()
        log("stopped")
        return 0
    }

    static func serviceOptions(_ arguments: ParsedArguments) throws -> ServiceStack.Options {
        var environment = ProcessInfo.processInfo.environment
        if let file = arguments.value("--env-file") {
            let values = try EnvironmentFile.load(file, publishedFolders: ["output", arguments.value("--content") ?? "content"])
            environment.merge(values) { current, _ in current }
        }
        guard let toss = TossClientConfiguration.fromEnvironment(environment) else {
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
        try NotifyOptions.apply(arguments, environment: environment, to: &options)
        return options
    }

    static func openStack(_ options: ServiceStack.Options) async throws -> ServiceStack {
        do {
            return try await ServiceStack.open(options, log: log)
        } catch let error as ContentErrors {
            throw CommandFailure(error.description)
        }
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("yeyak: \(line)\n".utf8))
    }
}

/// Blocks until SIGTERM or SIGINT; runs `reload` on SIGHUP.
func runUntilTerminated(reload: @escaping @Sendable () async throws -> Void) async {
    let reloadWatcher = SignalWatcher.onReload {
        Task {
            do { try await reload() } catch { ServeCommand.log("reload refused, keeping the old content: \(error)") }
        }
    }
    let waiter = TerminationWaiter()
    let terminationWatcher = SignalWatcher.onTermination { _ in waiter.signal() }
    await waiter.wait()
    terminationWatcher.cancel()
    reloadWatcher.cancel()
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
        let retry = try arguments.integer("--notify-retry-seconds", in: 1...3600)!
        settings.firstRetryDelay = TimeInterval(retry)
        options.notifications = settings
    }
}
