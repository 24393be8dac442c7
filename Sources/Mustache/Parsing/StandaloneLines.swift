/// Marks tags that stand alone on their line, so the line (its indentation, trailing whitespace
/// and line ending) leaves no trace in the output: the spec's "standalone" rule.
///
/// A line is standalone when it holds only whitespace and either one non-interpolation tag, or
/// only parent and block tags of which at least one belongs to a parent
/// (`{{<parent}}{{$block}}`, `{{/block}}{{/parent}}`, `{{<parent}}{{/parent}}`).
enum StandaloneLines {
    static func mark(_ tokens: inout [Token], source: [UInt8]) {
        matchCloseTags(&tokens)
        var lineFirst = 0
        for index in tokens.indices {
            let token = tokens[index]
            let endsLine = index == tokens.count - 1
                || (token.kind == .text && source[token.end - 1] == Byte.newline)
            if endsLine {
                markLine(lineFirst...index, in: &tokens, source: source)
                lineFirst = index + 1
            }
        }
    }

    /// Records what each close tag closes; mismatches are left for the tree builder to report.
    private static func matchCloseTags(_ tokens: inout [Token]) {
        var open: [(name: String, kind: Token.Kind)] = []
        for index in tokens.indices {
            switch tokens[index].kind {
            case .sectionOpen, .invertedOpen, .parentOpen, .blockOpen:
                open.append((tokens[index].name, tokens[index].kind))
            case .close:
                if let last = open.last, last.name == tokens[index].name {
                    tokens[index].closes = last.kind
                    open.removeLast()
                }
            default:
                break
            }
        }
    }

    private static func markLine(_ range: ClosedRange<Int>, in tokens: inout [Token], source: [UInt8]) {
        var tags: [Int] = []
        for index in range {
            let token = tokens[index]
            switch token.kind {
            case .text:
                for offset in token.start..<token.end where !Byte.isWhitespace(source[offset]) { return }
            case .variable:
                return
            default:
                tags.append(index)
            }
        }
        guard !tags.isEmpty else { return }
        if tags.count > 1 {
            var touchesParent = false
            for index in tags {
                let kind = tokens[index].kind == .close ? tokens[index].closes : tokens[index].kind
                guard let kind, kind.isInheritanceTag else { return }
                if kind == .parentOpen { touchesParent = true }
            }
            guard touchesParent else { return }
        }
        for index in range {
            if tokens[index].kind == .text {
                tokens[index].removed = true
            } else {
                tokens[index].standalone = true
            }
        }
    }
}
