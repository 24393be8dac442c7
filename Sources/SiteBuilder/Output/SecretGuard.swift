/// The last line of defence for "no secret key ever reaches output/": every byte the build
/// writes is scanned for Toss secret-key prefixes, whatever template or override produced it.
enum SecretGuard {
    static let patterns: [[UInt8]] = ["test_sk_", "live_sk_", "test_gsk_", "live_gsk_"].map { Array($0.utf8) }

    /// The first secret-looking prefix found in `bytes`, if any.
    static func firstSecret(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            // Every pattern contains "_sk_" or "_gsk_": look for "_" followed by "sk_"/"gsk_", then check the prefix.
            while index < count {
                if buffer[index] == UInt8(ascii: "_") {
                    for pattern in patterns {
                        let underscore = pattern.firstIndex(of: UInt8(ascii: "_"))!
                        let start = index - underscore
                        guard start >= 0, start + pattern.count <= count else { continue }
                        var matches = true
                        for offset in 0..<pattern.count where buffer[start + offset] != pattern[offset] {
                            matches = false
                            break
                        }
                        if matches { return String(decoding: pattern, as: UTF8.self) }
                    }
                }
                index += 1
            }
            return nil
        }
    }
}
