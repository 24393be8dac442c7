/// Splits template source into text and tag tokens, following `{{=<% %>=}}` delimiter changes.
///
/// Text is cut after every newline so that later passes can reason line by line.
struct Tokenizer {
    let source: [UInt8]
    let templateName: String
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private(set) var tokens: [Token] = []

    init(source: [UInt8], templateName: String) {
        self.source = source
        self.templateName = templateName
    }

    mutating func tokenize() throws -> [Token] {
        var textStart = 0
        var index = 0
        while let tagStart = source.firstIndex(of: open, from: index) {
            appendText(textStart..<tagStart)
            let token = try readTag(at: tagStart)
            tokens.append(token)
            index = token.end
            textStart = token.end
        }
        appendText(textStart..<source.count)
        return tokens
    }

    private mutating func appendText(_ range: Range<Int>) {
        var start = range.lowerBound
        var index = start
        while index < range.upperBound {
            if source[index] == Byte.newline {
                tokens.append(Token(kind: .text, start: start, end: index + 1))
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound {
            tokens.append(Token(kind: .text, start: start, end: range.upperBound))
        }
    }

    private mutating func readTag(at tagStart: Int) throws -> Token {
        let contentStart = tagStart + open.count
        let sigil = contentStart < source.count ? source[contentStart] : 0
        switch sigil {
        case UInt8(ascii: "{"):
            let closer = [UInt8(ascii: "}")] + close
            let contentEnd = try find(closer, from: contentStart + 1, tagStart: tagStart)
            let name = try tagName(contentStart + 1..<contentEnd, tagStart: tagStart)
            return Token(kind: .variable(escaped: false), start: tagStart, end: contentEnd + closer.count, name: name)
        case UInt8(ascii: "="):
            let closer = [UInt8(ascii: "=")] + close
            let contentEnd = try find(closer, from: contentStart + 1, tagStart: tagStart)
            try setDelimiters(from: contentStart + 1..<contentEnd, tagStart: tagStart)
            return Token(kind: .setDelimiters, start: tagStart, end: contentEnd + closer.count)
        case UInt8(ascii: "!"):
            let contentEnd = try find(close, from: contentStart + 1, tagStart: tagStart)
            return Token(kind: .comment, start: tagStart, end: contentEnd + close.count)
        default:
            let kind: Token.Kind
            switch sigil {
            case UInt8(ascii: "#"): kind = .sectionOpen
            case UInt8(ascii: "^"): kind = .invertedOpen
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parentOpen
            case UInt8(ascii: "$"): kind = .blockOpen
            case UInt8(ascii: "&"): kind = .variable(escaped: false)
            default: kind = .variable(escaped: true)
            }
            let nameStart = kind == .variable(escaped: true) ? contentStart : contentStart + 1
            // The closer is searched after the sigil: with delimiters such as `[ &` the sigil
            // itself could otherwise be taken for the closer (found by the Mustache fuzzer).
            let contentEnd = try find(close, from: nameStart, tagStart: tagStart)
            let end = contentEnd + close.count
            let name = try tagName(nameStart..<contentEnd, tagStart: tagStart)
            return Token(kind: kind, start: tagStart, end: end, name: name)
        }
    }

    private func find(_ closer: [UInt8], from: Int, tagStart: Int) throws -> Int {
        guard let index = source.firstIndex(of: closer, from: from) else {
            let opener = String(decoding: open, as: UTF8.self)
            let expected = String(decoding: closer, as: UTF8.self)
            throw error(at: tagStart, "unclosed tag: '\(opener)' without a matching '\(expected)'")
        }
        return index
    }

    /// The tag's name: non-empty, no inner whitespace (a `*` after `>` may be followed by spaces).
    private func tagName(_ range: Range<Int>, tagStart: Int) throws -> String {
        let name = source.trimmedString(range)
        if name.isEmpty { throw error(at: tagStart, "empty tag") }
        if name.utf8.contains(where: Byte.isWhitespace) && !name.hasPrefix("*") {
            throw error(at: tagStart, "tag name '\(name)' contains whitespace")
        }
        return name
    }

    private mutating func setDelimiters(from range: Range<Int>, tagStart: Int) throws {
        let parts = source[range].split(whereSeparator: Byte.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw error(at: tagStart, "bad delimiter tag: expected two delimiters separated by whitespace, like {{=<% %>=}}")
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    func error(at offset: Int, _ reason: String) -> MustacheError {
        let (line, column) = source.position(of: offset)
        return MustacheError(templateName: templateName, line: line, column: column, reason: reason)
    }
}
