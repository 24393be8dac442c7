/// `application/x-www-form-urlencoded`: the booking form's body and every query string.
package enum URLEncodedForm {
    package struct InvalidEncoding: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String { "invalid percent-encoding or UTF-8 in form data" }
    }

    /// Pairs in order; `+` is a space, `%XX` is decoded once, a name without `=` gets an empty
    /// value, empty pairs (`a=1&&b=2`) are skipped. A broken escape or invalid UTF-8 throws.
    package static func parse<C: Collection<UInt8>>(_ bytes: C) throws(InvalidEncoding) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { pair[pair.startIndex..<$0] } ?? pair[...]
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
            do {
                let name = try PercentDecoding.decodeString(rawName, plusIsSpace: true)
                let value = try PercentDecoding.decodeString(rawValue, plusIsSpace: true)
                pairs.append((name: name, value: value))
            } catch {
                throw InvalidEncoding()
            }
        }
        return pairs
    }

    package static func parse(_ string: String) throws(InvalidEncoding) -> [(name: String, value: String)] {
        try parse(Array(string.utf8))
    }
}
