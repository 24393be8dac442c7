/// JSON text built by hand, as UTF-8 bytes, for data embedded in a page's
/// `<script type="application/json">` (and for the build manifest).
///
/// Besides JSON's own escapes, `<`, `>`, `&`, `'` and U+2028/2029 are written as `\uXXXX`, so no
/// value (a restaurant called `</script><script>…`) can end the script element or start markup.
/// Works on bytes and copies unescaped runs in bulk: the booking pages embed 126 slots each.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// `"key":` (the key is a trusted ASCII literal).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    mutating func quoted(_ text: String) {
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
                    raw(escape)
                    runStart = index + skip
                }
                index += skip
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// One quoted value as a String (for small texts such as manifest paths).
    static func quoted(_ text: String) -> String {
        var json = JSONText(capacity: text.utf8.count + 2)
        json.quoted(text)
        return json.string
    }
}
