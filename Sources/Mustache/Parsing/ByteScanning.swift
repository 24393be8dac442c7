/// Byte helpers shared by the parser: the source is scanned as UTF-8 bytes, never as Characters.
enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    static func isInlineWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
}

extension Array where Element == UInt8 {
    /// The first index at or after `from` where `needle` starts.
    func firstIndex(of needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= count else { return nil }
        var index = from
        let last = count - needle.count
        while index <= last {
            if self[index] == first {
                var matched = 1
                while matched < needle.count && self[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The index where the line holding `offset` begins.
    func lineStart(before offset: Int) -> Int {
        var index = offset
        while index > 0 && self[index - 1] != Byte.newline { index -= 1 }
        return index
    }

    /// The bytes of `range` with surrounding whitespace removed, as a String.
    func trimmedString(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && Byte.isWhitespace(self[lower]) { lower += 1 }
        while upper > lower && Byte.isWhitespace(self[upper - 1]) { upper -= 1 }
        return String(decoding: self[lower..<upper], as: UTF8.self)
    }

    /// 1-based line and column (counted in Unicode scalars) of a byte offset, for messages.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in self[..<Swift.min(offset, count)] {
            if byte == Byte.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
