/// The request-target split into a safe path and decoded query (RFC 9112 §3.2, RFC 3986 §5.2.4).
///
/// Order matters: decode once, refuse what decoding could smuggle in (`%2F`, `\`, NUL), and only
/// then remove dot segments, so `%2e%2e` can never climb out of a folder.
struct RequestTarget: Equatable {
    var path: String
    var query: [(name: String, value: String)]

    static func == (lhs: RequestTarget, rhs: RequestTarget) -> Bool {
        lhs.path == rhs.path && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
    }

    /// Parses the raw target bytes; `method` decides whether the asterisk-form is allowed.
    static func parse(_ raw: ArraySlice<UInt8>, method: String) throws(HTTPParseError) -> RequestTarget {
        if raw.elementsEqual("*".utf8) {
            guard method == "OPTIONS" else { throw .badRequest("asterisk-form is only for OPTIONS", close: false) }
            return RequestTarget(path: "*", query: [])
        }
        guard raw.first == UInt8(ascii: "/") else {
            throw .badRequest("the request target must start with /", close: false)
        }
        guard raw.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }) else {
            throw .badRequest("invalid character in the request target", close: false)
        }
        let questionMark = raw.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = raw[raw.startIndex..<(questionMark ?? raw.endIndex)]
        let rawQuery = questionMark.map { raw[raw.index(after: $0)...] } ?? []

        let decodedPath: [UInt8]
        do {
            decodedPath = try PercentDecoding.decode(rawPath, plusIsSpace: false)
        } catch {
            throw .badRequest("invalid percent-encoding in the path", close: false)
        }
        // Decoding is strict, so an encoded slash can only be spelled `%2F` or `%2f`.
        let encodedSlash = rawPath.indices.contains { index in
            rawPath[index] == UInt8(ascii: "%") && rawPath[index...].dropFirst().starts(with: "2".utf8)
                && [UInt8(ascii: "f"), UInt8(ascii: "F")].contains(rawPath[index...].dropFirst(2).first ?? 0)
        }
        if encodedSlash { throw .badRequest("encoded / in the path", close: false) }
        if decodedPath.contains(UInt8(ascii: "\\")) { throw .badRequest("\\ in the path", close: false) }
        if decodedPath.contains(0) { throw .badRequest("NUL in the path", close: false) }
        guard let pathString = String(validating: removingDotSegments(decodedPath), as: UTF8.self) else {
            throw .badRequest("the path is not UTF-8", close: false)
        }
        let query: [(name: String, value: String)]
        do {
            query = try URLEncodedForm.parse(rawQuery)
        } catch {
            throw .badRequest("invalid percent-encoding in the query", close: false)
        }
        return RequestTarget(path: pathString, query: query)
    }

    /// RFC 3986 §5.2.4, literally, over an absolute path. The result always starts with `/`.
    static func removingDotSegments(_ path: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var input = ArraySlice(path)
        var output: [UInt8] = []
        func removeLastSegment() {
            if let lastSlash = output.lastIndex(of: slash) { output.removeSubrange(lastSlash...) } else { output.removeAll() }
        }
        while !input.isEmpty {
            if input.starts(with: [dot, dot, slash]) {
                input.removeFirst(3)
            } else if input.starts(with: [dot, slash]) {
                input.removeFirst(2)
            } else if input.starts(with: [slash, dot, slash]) {
                input.removeFirst(2)
            } else if input.elementsEqual([slash, dot]) {
                input = [slash]
            } else if input.starts(with: [slash, dot, dot, slash]) {
                input.removeFirst(3)
                removeLastSegment()
            } else if input.elementsEqual([slash, dot, dot]) {
                input = [slash]
                removeLastSegment()
            } else if input.elementsEqual([dot]) || input.elementsEqual([dot, dot]) {
                input.removeAll()
            } else {
                var end = input.startIndex
                if input[end] == slash { end += 1 }
                while end < input.endIndex, input[end] != slash { end += 1 }
                output.append(contentsOf: input[input.startIndex..<end])
                input = input[end...]
            }
        }
        return output.first == slash ? output : [slash] + output
    }
}
