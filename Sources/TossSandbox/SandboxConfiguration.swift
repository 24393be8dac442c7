import Foundation

/// How a sandbox is set up: its merchants' keys, where webhooks go, and its time limits.
package struct SandboxConfiguration: Sendable {
    /// Accepted key pairs. The documented test pairs are always included.
    package var merchants: [MerchantKeys]
    /// Where `PAYMENT_STATUS_CHANGED` events are POSTed (nil: no webhooks).
    package var webhookURL: URL?
    /// Multiplies Toss's webhook retry schedule (1 = real minutes; 0.001 for tests).
    package var webhookTimeScale: Double
    /// The sandbox's own public origin (`http://127.0.0.1:9090`), used in receipt and payment
    /// window URLs. nil: taken from the request's `Host` header.
    package var publicBaseURL: String?
    /// How long the `timeout` fault keeps a caller waiting (cancelled when the caller leaves).
    package var hangSeconds: Double
    /// Toss: confirm within 10 minutes of authentication.
    package var confirmWindow: TimeInterval
    /// Toss: an unauthenticated payment expires after 30 minutes.
    package var sessionLifetime: TimeInterval
    /// Toss: an Idempotency-Key is remembered for 15 days.
    package var idempotencyLifetime: TimeInterval

    package init(additionalKeys: [MerchantKeys] = [], webhookURL: URL? = nil, webhookTimeScale: Double = 1,
                publicBaseURL: String? = nil, hangSeconds: Double = 120, confirmWindow: TimeInterval = 600,
                sessionLifetime: TimeInterval = 1800, idempotencyLifetime: TimeInterval = 15 * 24 * 3600) {
        merchants = [.docsWidget, .docsAPIIndividual] + additionalKeys
        self.webhookURL = webhookURL
        self.webhookTimeScale = webhookTimeScale
        self.publicBaseURL = publicBaseURL
        self.hangSeconds = hangSeconds
        self.confirmWindow = confirmWindow
        self.sessionLifetime = sessionLifetime
        self.idempotencyLifetime = idempotencyLifetime
    }
}
