/// Appends text to a UTF-8 buffer, escaping what HTML gives meaning to: `& < > " '`.
///
/// Works on bytes (every escaped character is ASCII, so UTF-8 sequences pass through intact)
/// and copies unescaped runs in bulk: most values contain nothing to escape.
package enum HTMLEscaping {
    /// `text` escaped for element content and quoted attribute values: the one escaper the
    /// site, the service's pages and the templates all share.
    package static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        append(text, escaped: true, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func append(_ string: String, escaped: Bool, to output: inout [UInt8]) {
        // Read in place: the `var` copy `withUTF8` needs costs a retain and a release per value.
        if string.utf8.withContiguousStorageIfAvailable({ append($0, escaped: escaped, to: &output) }) != nil { return }
        var copy = string
        copy.withUTF8 { append($0, escaped: escaped, to: &output) }
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool, to output: inout [UInt8]) {
        guard escaped else {
            output.append(contentsOf: bytes)
            return
        }
        var runStart = 0
        for index in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
}
