/// JSON strings as UTF-8 bytes, safe to embed anywhere in HTML.
///
/// Besides JSON's own escapes, `<`, `>`, `&`, `'` and U+2028/2029 are written as `\uXXXX`, so no
/// value (a restaurant called `</script><script>…`) can end a script element or start markup,
/// and any JSON reader gets the same string back. Unescaped runs are copied in bulk: the booking
/// pages embed 126 slots each. The one string writer for the site's embedded data, the build
/// manifest and the service's and the sandbox's answers.
package enum JSONString {
    /// Appends `text` quoted and escaped.
    package static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { source in
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            var index = 0
            let count = source.count
            while index < count {
                let byte = source[index]
                var escape: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "<"): escape = "\\u003c"
                case UInt8(ascii: ">"): escape = "\\u003e"
                case UInt8(ascii: "&"): escape = "\\u0026"
                case UInt8(ascii: "'"): escape = "\\u0027"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80 && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9):
                    escape = source[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    skip = 3
                default:
                    if byte < 0x20 {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                                  hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                        runStart = index + 1
                    }
                }
                if let escape {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                    bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                    runStart = index + skip
                }
                index += skip
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
