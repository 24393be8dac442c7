import Foundation

/// How to reach Toss: the secret key, the base URL (the real API or the sandbox) and time limits.
///
/// The secret key is kept out of every description, debug description and mirror, so logging or
/// dumping a configuration (or a client) can never print it.
package struct TossClientConfiguration: Sendable {
    /// The real API. The sandbox is reached by passing its URL instead.
    package static let defaultBaseURL = URL(string: "https://api.tosspayments.com")!

    let secretKey: String
    package var baseURL: URL
    /// Longest wait for the connection and for each chunk of the answer (URLSession's request timeout).
    package var connectTimeout: TimeInterval
    /// Longest wait for the whole call; past it the outcome is unknown.
    package var totalTimeout: TimeInterval
    /// `ko-KR` (Toss's default) or `en-US` for English messages.
    package var acceptLanguage: String
    /// Which HTTP client carries the calls (`TOSS_TRANSPORT`); libcurl unless asked otherwise.
    package var transport: TossTransportKind

    package init(secretKey: String, baseURL: URL = TossClientConfiguration.defaultBaseURL,
                connectTimeout: TimeInterval = 5, totalTimeout: TimeInterval = 30, acceptLanguage: String = "ko-KR",
                transport: TossTransportKind = .curl) {
        self.secretKey = secretKey
        self.baseURL = baseURL
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.acceptLanguage = acceptLanguage
        self.transport = transport
    }

    /// From `TOSS_SECRET_KEY`, `TOSS_API_BASE` (optional, checked by `checkedBaseURL`) and
    /// `TOSS_TRANSPORT` (optional: `curl` or `urlsession`); nil when no secret key is set.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(TossConfigurationError) -> TossClientConfiguration? {
        guard let secret = environment["TOSS_SECRET_KEY"], !secret.isEmpty else { return nil }
        var configuration = TossClientConfiguration(secretKey: secret)
        if let text = environment["TOSS_API_BASE"], !text.isEmpty {
            configuration.baseURL = try checkedBaseURL(text)
        }
        if let text = environment["TOSS_TRANSPORT"], !text.isEmpty {
            guard let kind = TossTransportKind(rawValue: text) else {
                throw TossConfigurationError(message: "TOSS_TRANSPORT '\(text)' is not one of: "
                    + TossTransportKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.transport = kind
        }
        return configuration
    }

    /// A base URL the secret key may be sent to: it must parse, and be https unless its host is
    /// a loopback address (the sandbox). Never falls back to the real API on a typo.
    package static func checkedBaseURL(_ text: String) throws(TossConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              scheme == "https" || scheme == "http" else {
            throw TossConfigurationError(message: "TOSS_API_BASE '\(text)' is not an http(s) URL such as https://api.tosspayments.com")
        }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback = octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
        let loopback = bare == "localhost" || bare == "::1" || isIPv4Loopback
        guard scheme == "https" || loopback else {
            throw TossConfigurationError(message: "TOSS_API_BASE '\(text)' must be https (plain http only for a loopback address such as the sandbox)")
        }
        return url
    }

    /// `Basic base64(secretKey + ":")`, as Toss requires.
    var authorizationHeader: String {
        "Basic " + Data((secretKey + ":").utf8).base64EncodedString()
    }

    /// The key's kind without the key itself, e.g. `test_sk_…`, for messages.
    var redactedSecret: String {
        guard let lastUnderscore = secretKey.prefix(12).lastIndex(of: "_") else { return "…" }
        return String(secretKey[...lastUnderscore]) + "…"
    }
}

extension TossClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String {
        "TossClientConfiguration(baseURL: \(baseURL.absoluteString), secretKey: \(redactedSecret), "
            + "connectTimeout: \(connectTimeout)s, totalTimeout: \(totalTimeout)s)"
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL, "secretKey": redactedSecret, "connectTimeout": connectTimeout,
            "totalTimeout": totalTimeout, "acceptLanguage": acceptLanguage, "transport": transport.rawValue,
        ])
    }
}

/// The HTTP clients the Toss client can run on: libcurl's multi interface (the default) or
/// Foundation's URLSession, kept to compare against (docs/benchmarks.md) and as a fallback.
package enum TossTransportKind: String, Sendable, CaseIterable {
    case curl
    case urlSession = "urlsession"
}

/// A Toss setting that cannot be used, with the sentence to show the operator.
package struct TossConfigurationError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
