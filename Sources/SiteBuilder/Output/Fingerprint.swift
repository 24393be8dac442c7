/// A 64-bit FNV-1a hash of everything a page is made from, so a rebuild can skip rendering a
/// page whose inputs did not change. Not cryptographic: it only has to notice edits.
struct Fingerprint: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: $0) }
        add(byte: 0x1F)  // a separator, so ("ab", "c") differs from ("a", "bc")
    }

    mutating func add(_ number: Int) { add(String(number)) }

    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        value = hash
    }

    mutating func add(bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add(bytes: $0) } }

    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
