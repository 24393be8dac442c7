/// Which Toss product a key belongs to; a session opened with one kind cannot be confirmed
/// with the other kind's secret (`INVALID_API_KEY`).
package enum KeyKind: String, Sendable {
    /// Payment-widget keys: `test_gck_` / `test_gsk_`.
    case widget
    /// API-individual keys (payment window, billing): `test_ck_` / `test_sk_`.
    case apiIndividual

    /// Derived from the key's prefix, as Toss does.
    package static func of(_ key: String) -> KeyKind {
        key.hasPrefix("test_gck_") || key.hasPrefix("live_gck_")
            || key.hasPrefix("test_gsk_") || key.hasPrefix("live_gsk_") ? .widget : .apiIndividual
    }
}

/// One client/secret key pair of a merchant (`mId`).
package struct MerchantKeys: Sendable, Equatable {
    package var merchantId: String
    package var clientKey: String
    package var secretKey: String

    package init(clientKey: String, secretKey: String, merchantId: String? = nil) {
        self.clientKey = clientKey
        self.secretKey = secretKey
        self.merchantId = merchantId ?? "sandbox_" + String(clientKey.suffix(8))
    }

    package var kind: KeyKind { KeyKind.of(clientKey) }

    /// The docs' public merchant: both documented pairs belong to it, so a widget session
    /// confirmed with the API secret shows `INVALID_API_KEY` rather than "not found".
    package static let docsMerchantId = "tvivarepublica"

    package static let docsWidget = MerchantKeys(
        clientKey: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
        secretKey: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6",
        merchantId: docsMerchantId)

    package static let docsAPIIndividual = MerchantKeys(
        clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq",
        secretKey: "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R",
        merchantId: docsMerchantId)
}
