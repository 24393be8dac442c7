import Foundation
import HTTPServer
import TossSandbox

/// `yeyak sandbox`: the local Toss stand-in on its own port, until SIGTERM/SIGINT.
enum SandboxCommand {
    static let command = Command(
        name: "sandbox", summary: "Run the local Toss Payments sandbox (API, SDK stand-in, payment window, faults).",
        discussion: """
            Point a Toss client at it with TOSS_API_BASE=http://HOST:PORT and a page at its SDK with
            toss.sdkURL=http://HOST:PORT/v2/standard. The documented test keys always work; --key adds
            more. Faults, the clock and the payment log are under /__sandbox/ (see docs/sandbox.md).
            Nothing is ever charged. SIGTERM or SIGINT stops it.
            """,
        options: [
            .value("--port", "N", "The port to listen on.", default: "8090"),
            .value("--host", "HOST", "The address to listen on.", default: "127.0.0.1"),
            .value("--webhook-url", "URL", "Where PAYMENT_STATUS_CHANGED webhooks are POSTed (none by default)."),
            .value("--webhook-time-scale", "X", "Multiplies Toss's webhook retry schedule (0.001 turns minutes into ms).", default: "1"),
            .repeated("--key", "CLIENT:SECRET", "Another merchant's test key pair to accept."),
            .value("--public-url", "URL", "The sandbox's origin as browsers reach it (payment window and receipt links)."),
            .value("--hang-seconds", "S", "How long the 'timeout' faults keep a call unanswered.", default: "120"),
        ]
    ) { arguments in
        let host = arguments.value("--host")!
        let port = try arguments.integer("--port", in: 0...65535)!
        let configuration = try configuration(arguments)
        let sandbox = try SandboxHost.start(host: host, port: port, configuration: configuration, portFlag: "--port",
                                            accessLog: .lines { line in ServeCommand.log("sandbox: " + line) })
        let waiter = TerminationWaiter()
        let watcher = SignalWatcher.onTermination { _ in waiter.signal() }
        Terminal.say(banner(sandbox, configuration: configuration))
        await waiter.wait()
        watcher.cancel()
        ServeCommand.log("stopping the sandbox")
        await sandbox.stop()
        ServeCommand.log("stopped")
        return 0
    }

    static func configuration(_ arguments: ParsedArguments) throws -> SandboxConfiguration {
        let keys = try arguments.values("--key").map(MerchantKeyOption.parse)
        var webhookURL: URL?
        if arguments.value("--webhook-url") != nil { webhookURL = try BuildCommand.url(arguments, "--webhook-url") }
        var publicURL: String?
        if arguments.value("--public-url") != nil {
            var text = try BuildCommand.url(arguments, "--public-url")!.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            publicURL = text
        }
        let scaleText = arguments.value("--webhook-time-scale")!
        guard let scale = Double(scaleText), scale.isFinite, scale > 0, scale <= 1000 else {
            throw UsageError("--webhook-time-scale takes a number greater than 0 (e.g. 0.001), not '\(scaleText)'")
        }
        let hang = try arguments.integer("--hang-seconds", in: 1...3600)!
        return SandboxConfiguration(additionalKeys: keys, webhookURL: webhookURL, webhookTimeScale: scale,
                                    publicBaseURL: publicURL, hangSeconds: Double(hang))
    }

    static func banner(_ sandbox: SandboxHost, configuration: SandboxConfiguration) -> String {
        var lines = [
            "Toss sandbox on \(sandbox.baseURL) - SANDBOX: nothing is charged.",
            "  API base (TOSS_API_BASE): \(sandbox.baseURL)",
            "  SDK script (toss.sdkURL): \(sandbox.sdkURL)",
            "  Admin:                    \(sandbox.baseURL)/__sandbox/payments (faults, clock, log: docs/sandbox.md)",
            "  Webhooks:                 " + (configuration.webhookURL.map { "POST \($0.absoluteString)" } ?? "off (--webhook-url)"),
            "  Accepted test keys (client key / secret key):",
        ]
        let documented = [MerchantKeys.docsWidget, MerchantKeys.docsAPIIndividual]
        for merchant in configuration.merchants {
            let kind = merchant.kind == .widget ? "widget        " : "API individual"
            // The documented keys are public; a key given with --key may be someone's own test
            // secret, so only its kind is echoed.
            let secret = documented.contains(merchant) ? merchant.secretKey : String(merchant.secretKey.prefix(9)) + "… (from --key)"
            lines.append("    \(kind)  \(merchant.clientKey) / \(secret)")
        }
        lines.append("Stop with Ctrl-C.")
        return lines.joined(separator: "\n")
    }
}
