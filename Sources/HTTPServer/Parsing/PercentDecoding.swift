/// Percent-decoding shared by paths, queries and form bodies: done exactly once, strictly.
enum PercentDecoding {
    struct InvalidEscape: Error {}

    /// Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`); a `%` not followed by two
    /// hex digits is an error rather than being passed through.
    static func decode<C: Collection<UInt8>>(_ bytes: C, plusIsSpace: Bool) throws(InvalidEscape) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { throw InvalidEscape() }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex,
                      let high = HTTPSyntax.hexValue(bytes[first]),
                      let low = HTTPSyntax.hexValue(bytes[second]) else { throw InvalidEscape() }
                output.append(high << 4 | low)
                index = bytes.index(after: second)
            } else {
                output.append(plusIsSpace && byte == UInt8(ascii: "+") ? HTTPSyntax.space : byte)
                index = bytes.index(after: index)
            }
        }
        return output
    }

    /// Decoded bytes as text; invalid UTF-8 is refused rather than silently replaced, so two
    /// different byte strings never map to the same name.
    static func decodeString<C: Collection<UInt8>>(_ bytes: C, plusIsSpace: Bool) throws(InvalidEscape) -> String {
        let decoded = try decode(bytes, plusIsSpace: plusIsSpace)
        guard let string = String(validating: decoded, as: UTF8.self) else { throw InvalidEscape() }
        return string
    }
}
