import TossSandbox

/// `--key CLIENT:SECRET`: one more merchant the sandbox accepts. Both keys must be test keys of
/// the same product (widget `test_gck_`/`test_gsk_`, or API-individual `test_ck_`/`test_sk_`),
/// because the sandbox derives the key kind from the prefix as Toss does.
enum MerchantKeyOption {
    static func parse(_ text: String) throws -> MerchantKeys {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw UsageError("--key takes CLIENT_KEY:SECRET_KEY, not '\(redacted(text))'")
        }
        let (client, secret) = (parts[0], parts[1])
        let pairs = [("test_gck_", "test_gsk_"), ("test_ck_", "test_sk_")]
        guard pairs.contains(where: { client.hasPrefix($0.0) && secret.hasPrefix($0.1) }) else {
            throw UsageError("--key needs a test client key and its secret of the same kind (test_gck_…:test_gsk_… or test_ck_…:test_sk_…), not '\(redacted(text))'")
        }
        guard client.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
              secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw UsageError("--key: keys are letters, digits and _ only")
        }
        return MerchantKeys(clientKey: client, secretKey: secret)
    }

    /// The client part and the secret's prefix only: a mistyped secret must not land in a terminal log.
    private static func redacted(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return String(text.prefix(12)) + "…" }
        return String(text[..<colon]) + ":" + String(text[text.index(after: colon)...].prefix(9)) + "…"
    }
}
