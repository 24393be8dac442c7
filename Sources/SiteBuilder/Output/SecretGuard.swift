#if canImport(Glibc)
import Glibc
#endif

/// The last line of defence for "no secret key ever reaches output/": every byte the build
/// writes is scanned for Toss secret-key prefixes, whatever template or override produced it.
enum SecretGuard {
    static let patterns: [[UInt8]] = ["test_sk_", "live_sk_", "test_gsk_", "live_gsk_"].map { Array($0.utf8) }
    /// Where each pattern's first underscore is: the scan stops only at underscores.
    private static let underscores = patterns.map { $0.firstIndex(of: UInt8(ascii: "_"))! }

    /// The first secret-looking prefix found in `bytes`, if any.
    static func firstSecret(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var index = 0
            // Every pattern contains "_sk_" or "_gsk_": memchr jumps from one underscore to the
            // next (pages have few), then the prefixes around it are checked. A byte-by-byte
            // loop here was 2.6% of a cold build's CPU.
            while index < count, let found = memchr(base + index, Int32(UInt8(ascii: "_")), count - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                for (pattern, underscore) in zip(patterns, underscores) {
                    let start = index - underscore
                    guard start >= 0, start + pattern.count <= count else { continue }
                    if memcmp(base + start, pattern, pattern.count) == 0 { return String(decoding: pattern, as: UTF8.self) }
                }
                index += 1
            }
            return nil
        }
    }
}
