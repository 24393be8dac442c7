import JSON

/// JSON text built by hand, as UTF-8 bytes, for data embedded in a page's
/// `<script type="application/json">`; strings are escaped by
/// `JSONString`, so no value can end the script element or start markup.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Digits straight into the buffer: `String(value)` made a string for each of the three
    /// numbers of every slot.
    mutating func number(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// `"key":` (the key is a trusted ASCII literal).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    mutating func quoted(_ text: String) { JSONString.append(text, to: &bytes) }

    /// JSON text made by another `JSONText`.
    mutating func append(_ text: [UInt8]) { bytes.append(contentsOf: text) }
}
