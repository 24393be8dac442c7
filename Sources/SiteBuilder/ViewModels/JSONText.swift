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

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// `"key":` (the key is a trusted ASCII literal).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    mutating func quoted(_ text: String) { JSONString.append(text, to: &bytes) }
}
