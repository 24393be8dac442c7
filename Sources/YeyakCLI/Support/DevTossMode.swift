import Foundation
import TossClient

/// Where `yeyak dev` sends payments. The sandbox unless the user asks for the real Toss test
/// API with `--real-toss` AND gives everything it needs: a test secret key in `TOSS_SECRET_KEY`
/// and a test client key of the same kind in `content/site.json`. Live keys are refused: a
/// development command never moves real money.
enum DevTossMode: Equatable {
    case sandbox
    case realTest(secretKey: String, apiBase: URL)

    static func choose(realToss: Bool, environment: [String: String], clientKey: String) throws -> DevTossMode {
        guard realToss else { return .sandbox }
        guard let secret = environment["TOSS_SECRET_KEY"], !secret.isEmpty else {
            throw CommandFailure("--real-toss needs TOSS_SECRET_KEY set to your Toss test secret key (test_gsk_… or test_sk_…)")
        }
        let pairs = [("test_gck_", "test_gsk_"), ("test_ck_", "test_sk_")]
        guard secret.hasPrefix("test_gsk_") || secret.hasPrefix("test_sk_") else {
            throw CommandFailure("--real-toss takes only a test secret key (test_gsk_… or test_sk_…); yeyak dev never uses live keys")
        }
        guard pairs.contains(where: { clientKey.hasPrefix($0.0) && secret.hasPrefix($0.1) }) else {
            throw CommandFailure("--real-toss needs content/site.json's toss.clientKey to be a test client key of the same kind as TOSS_SECRET_KEY (test_gck_… with test_gsk_…, test_ck_… with test_sk_…)")
        }
        let base = environment["TOSS_API_BASE"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
            ?? TossClientConfiguration.defaultBaseURL
        return .realTest(secretKey: secret, apiBase: base)
    }

    /// The real v2 SDK, for `--real-toss`.
    static let realSDKURL = URL(string: "https://js.tosspayments.com/v2/standard")!
}
