import Foundation

/// Reads `Authorization: Basic base64(secretKey + ":")` the way Toss does.
///
/// Decision (toss-api.md only documents the missing-colon case): no header at all is 401
/// `UNAUTHORIZED_KEY` (no credentials were offered), while a header that is present but not
/// `Basic <base64 of "secret:">` is 403 `INCORRECT_BASIC_AUTH_FORMAT`.
enum BasicAuth {
    enum Outcome: Equatable {
        case missing
        case malformed
        case secret(String)
    }

    static func parse(_ header: String?) -> Outcome {
        guard let header else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":")
        else { return .malformed }
        let secret = String(decoded[..<colon])
        return secret.isEmpty ? .malformed : .secret(secret)
    }
}
