/// Booking numbers that double as the Toss `orderId`.
///
/// 144 random bits in base64url without padding: exactly 24 characters of `[A-Za-z0-9_-]`,
/// inside Toss's 6-64 rule and unguessable, so the order id can serve as a capability.
package enum OrderID {
    package static let randomBytes = 18
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A fresh order id from the system's cryptographic generator.
    @Sendable package static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// An order id from `generator` (tests inject a seeded one).
    package static func random<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(randomBytes)
        while bytes.count < randomBytes {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        return encode(Array(bytes.prefix(randomBytes)))
    }

    /// base64url without padding; `bytes.count` must be a multiple of 3.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `candidate` follows Toss's orderId rule (6-64 of `[A-Za-z0-9_-]`).
    package static func isValid(_ candidate: String) -> Bool {
        let utf8 = candidate.utf8
        guard (6...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { alphabet.contains($0) }
    }
}
