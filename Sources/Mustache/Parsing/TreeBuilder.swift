/// Turns the token stream into the node tree: matches sections, collects a parent's blocks,
/// and settles indentation, so that rendering does no text analysis at all.
struct TreeBuilder {
    private let source: [UInt8]
    private let templateName: String
    /// Owns the text and variable nodes of the tree being built (see `NodeArena`).
    let arena = NodeArena()
    private var stack: [OpenElement]
    /// Intrinsic indentation of the blocks being read, outermost first; removed from the start
    /// of each of their lines (the inheritance spec's block reindentation).
    private var dedents: [[UInt8]] = []

    init(source: [UInt8], templateName: String) {
        self.source = source
        self.templateName = templateName
        stack = [OpenElement(kind: .root, arena: arena)]
    }

    mutating func build(_ tokens: [Token]) throws -> [Node] {
        for token in tokens where !token.removed {
            let startsLine = token.start == 0 || source[token.start - 1] == Byte.newline
            if token.kind == .text {
                appendText(token, startsLine: startsLine)
                continue
            }
            if startsLine && !token.standalone { stack[stack.count - 1].append(.lineStart) }
            try add(token)
        }
        if stack.count > 1, let open = stack.last?.token {
            throw error(at: open.start, "unclosed \(stack[stack.count - 1].kind.noun) '\(open.name)'")
        }
        stack[0].flushText()
        return stack[0].nodes
    }

    private mutating func appendText(_ token: Token, startsLine: Bool) {
        guard stack[stack.count - 1].kind != .parent else { return }  // text inside a parent tag is ignored
        var bytes = source[token.start..<token.end]
        if startsLine {
            bytes = dedented(bytes)
            stack[stack.count - 1].text.lineStarts.append(stack[stack.count - 1].text.bytes.count)
        }
        stack[stack.count - 1].text.bytes.append(contentsOf: bytes)
    }

    private mutating func add(_ token: Token) throws {
        switch token.kind {
        case .text, .comment, .setDelimiters:
            break
        case .variable(let escaped):
            stack[stack.count - 1].append(.variable(arena.keep(Variable(path: NamePath(token.name), escaped: escaped))))
        case .sectionOpen:
            stack.append(OpenElement(kind: .section(inverted: false), arena: arena, token: token))
        case .invertedOpen:
            stack.append(OpenElement(kind: .section(inverted: true), arena: arena, token: token))
        case .parentOpen:
            let indentation = token.standalone ? relative(leadingWhitespace(of: token) ?? []) : []
            stack.append(OpenElement(kind: .parent, arena: arena, token: token, indentation: indentation))
        case .blockOpen:
            openBlock(token)
        case .partial:
            let indentation = token.standalone ? relative(leadingWhitespace(of: token) ?? []) : []
            let call = PartialCall(reference: reference(token.name), indentation: indentation)
            stack[stack.count - 1].append(.partial(call))
        case .close:
            try close(token)
        }
    }

    // MARK: - Blocks and closing

    /// Works out the two indentations of a block (see `specs/whitespace.md` of the spec):
    /// the intrinsic one, removed from its lines, and the one its content gets where it stands.
    private mutating func openBlock(_ token: Token) {
        let isArgument = stack[stack.count - 1].kind == .parent
        let leading = leadingWhitespace(of: token)
        var after = token.end
        while after < source.count && Byte.isInlineWhitespace(source[after]) { after += 1 }
        if after + 1 < source.count && source[after] == Byte.carriageReturn && source[after + 1] == Byte.newline {
            after += 1
        }
        let atLineEnd = after == source.count || source[after] == Byte.newline
        var intrinsic: [UInt8] = []
        if atLineEnd && after < source.count && (isArgument || leading != nil) {
            let nextLine = after + 1
            var end = nextLine
            while end < source.count && Byte.isInlineWhitespace(source[end]) { end += 1 }
            intrinsic = relative(Array(source[nextLine..<end]))
        }
        var site: [UInt8] = []
        if let leading { site = atLineEnd ? intrinsic : relative(leading) }
        dedents.append(intrinsic)
        stack.append(OpenElement(kind: .block, arena: arena, token: token, indentation: site))
    }

    private mutating func close(_ token: Token) throws {
        guard stack.count > 1, let open = stack.last?.token else {
            throw error(at: token.start, "closing tag '\(token.name)' without an open section")
        }
        guard open.name == token.name else {
            let (line, column) = source.position(of: open.start)
            throw error(at: token.start,
                "closing tag '\(token.name)' does not match the open \(stack[stack.count - 1].kind.noun) '\(open.name)' (opened at \(line):\(column))")
        }
        var element = stack.removeLast()
        element.flushText()
        let top = stack.count - 1
        switch element.kind {
        case .root:
            break
        case .section(let inverted):
            let section = Section(path: NamePath(open.name), body: element.nodes, inverted: inverted)
            stack[top].append(.section(section))
        case .parent:
            let call = ParentCall(reference: reference(open.name), indentation: element.indentation,
                                  arguments: element.arguments)
            stack[top].append(.parent(call))
        case .block:
            dedents.removeLast()
            let block = Block(name: open.name, body: element.nodes, siteIndentation: element.indentation)
            if stack[top].kind == .parent {
                stack[top].arguments[open.name] = block
            } else {
                stack[top].append(.block(block))
            }
        }
    }

    // MARK: - Helpers

    private func reference(_ name: String) -> TemplateReference {
        guard name.hasPrefix("*") else { return .name(name) }
        let path = name.dropFirst().trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        return .dynamic(NamePath(String(path)))
    }

    /// The whitespace between the start of the tag's line and the tag, nil when anything else
    /// precedes the tag on its line.
    private func leadingWhitespace(of token: Token) -> [UInt8]? {
        let lineStart = source.lineStart(before: token.start)
        let prefix = source[lineStart..<token.start]
        return prefix.allSatisfy(Byte.isInlineWhitespace) ? Array(prefix) : nil
    }

    private func dedented(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = bytes
        for level in dedents where !level.isEmpty {
            guard rest.starts(with: level) else { break }
            rest = rest.dropFirst(level.count)
        }
        return rest
    }

    /// Indentation measured in the source, minus what the enclosing blocks remove.
    private func relative(_ indentation: [UInt8]) -> [UInt8] {
        Array(dedented(indentation[...]))
    }

    private func error(at offset: Int, _ reason: String) -> MustacheError {
        let (line, column) = source.position(of: offset)
        return MustacheError(templateName: templateName, line: line, column: column, reason: reason)
    }
}

/// A section, parent or block whose closing tag has not been read yet.
private struct OpenElement {
    enum Kind: Equatable {
        case root
        case section(inverted: Bool)
        case parent
        case block

        var noun: String {
            switch self {
            case .root: return "template"
            case .section: return "section"
            case .parent: return "parent"
            case .block: return "block"
            }
        }
    }

    let kind: Kind
    let arena: NodeArena
    var token: Token?
    var indentation: [UInt8] = []
    var nodes: [Node] = []
    var text: (bytes: [UInt8], lineStarts: [Int]) = ([], [])
    var arguments: [String: Block] = [:]

    /// Adds a node; inside a parent tag only blocks count, everything else is dropped.
    mutating func append(_ node: Node) {
        guard kind != .parent else { return }
        flushText()
        nodes.append(node)
    }

    mutating func flushText() {
        guard !text.bytes.isEmpty || !text.lineStarts.isEmpty else { return }
        nodes.append(.text(arena.keep(Text(bytes: text.bytes, lineStarts: text.lineStarts))))
        text = ([], [])
    }
}
