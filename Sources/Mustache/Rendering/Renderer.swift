/// Walks a parsed template with a context stack, appending UTF-8 to one growing buffer.
struct Renderer {
    /// Deep enough for any honest nesting, shallow enough to stop a partial that includes itself.
    static let maximumDepth = 100

    var output: [UInt8]
    private var stack: [MustacheValue]
    private let partials: (any PartialProvider)?
    /// Prepended to each template line: the sum of the enclosing standalone partials' indentation.
    private var indentation: [UInt8] = []
    /// Blocks supplied by the enclosing parent tags, by name; the outermost wins.
    private var overrides: [String: Block] = [:]
    private var depth = 0

    init(root: MustacheValue, partials: (any PartialProvider)?, output: [UInt8]) {
        self.output = output
        self.stack = [root]
        self.partials = partials
    }

    mutating func render(_ nodes: [Node]) throws {
        for index in nodes.indices {
            switch nodes[index] {
            case .text(let chunk):
                chunk._withUnsafeGuaranteedRef { appendText($0) }
            case .lineStart:
                indentIfAtLineStart()
            case .variable(let variable):
                variable._withUnsafeGuaranteedRef { variable in
                    if let value = lookup(variable.path) { append(value, escaped: variable.escaped) }
                }
            case .section(let section):
                try render(section)
            case .partial(let call):
                guard let template = try resolve(call.reference) else { break }
                try render(template, indentation: call.indentation)
            case .parent(let call):
                guard let template = try resolve(call.reference) else { break }
                let saved = overrides
                if !call.arguments.isEmpty {
                    overrides = call.arguments.merging(saved) { _, outer in outer }
                }
                defer { overrides = saved }
                try render(template, indentation: call.indentation)
            case .block(let block):
                let saved = indentation
                indentation += block.siteIndentation
                defer { indentation = saved }
                if let override = overrides[block.name] {
                    // Inside its own override a block of the same name renders its default:
                    // re-applying the override there would recurse until the stack overflows
                    // (found by the Mustache fuzzer).
                    let savedOverrides = overrides
                    overrides[block.name] = nil
                    defer { overrides = savedOverrides }
                    try render(override.body)
                } else {
                    try render(block.body)
                }
            }
        }
    }

    // MARK: - Sections and partials

    private mutating func render(_ section: Section) throws {
        let value = lookup(section.path) ?? .null
        if section.inverted {
            if !value.isTruthy { try render(section.body) }
            return
        }
        if case .list(let items) = value {
            for item in items {
                stack.append(item)
                try render(section.body)
                stack.removeLast()
            }
        } else if value.isTruthy {
            stack.append(value)
            try render(section.body)
            stack.removeLast()
        }
    }

    private mutating func render(_ template: Template, indentation extra: [UInt8]) throws {
        guard depth < Self.maximumDepth else {
            throw MustacheError(templateName: template.name,
                reason: "partials nested more than \(Self.maximumDepth) deep (does a partial include itself?)")
        }
        let saved = indentation
        indentation += extra
        depth += 1
        defer {
            depth -= 1
            indentation = saved
        }
        try render(template.nodes)
    }

    /// Missing partials render as nothing, as the spec asks.
    private func resolve(_ reference: TemplateReference) throws -> Template? {
        guard let partials else { return nil }
        switch reference {
        case .name(let name):
            return try partials.template(named: name)
        case .dynamic(let path):
            guard case .string(let name)? = lookup(path) else { return nil }
            return try partials.template(named: name)
        }
    }

    // MARK: - Values

    /// The spec's name resolution: the first part is searched down the context stack, the
    /// remaining parts only inside what it found.
    private func lookup(_ path: NamePath) -> MustacheValue? {
        let parts = path.parts
        guard let first = parts.first else { return stack.last }
        let found: MustacheValue? = stack.withUnsafeBufferPointer { frames in
            var index = frames.count - 1
            while index >= 0 {
                if case .object(let members) = frames[index], let value = members[first] { return value }
                index -= 1
            }
            return nil
        }
        guard var current = found, parts.count > 1 else { return found }
        for index in 1..<parts.count {
            guard case .object(let members) = current, let value = members[parts[index]] else { return nil }
            current = value
        }
        return current
    }

    private mutating func append(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .null, .object:
            break
        case .string(let string):
            HTMLEscaping.append(string, escaped: escaped, to: &output)
        case .int(let number):
            output.append(contentsOf: String(number).utf8)
        case .double(let number):
            output.append(contentsOf: number.description.utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .list(let items):
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                append(item, escaped: escaped)
            }
        }
    }

    // MARK: - Text and indentation

    /// Copies through a borrowed buffer: `append(contentsOf:)` with the array itself takes it
    /// owned, a retain and a release per text node, 5% of a site build's CPU (perf, 2026-12-02).
    private mutating func appendText(_ chunk: Text) {
        chunk.bytes.withUnsafeBufferPointer { bytes in
            guard !indentation.isEmpty, !chunk.lineStarts.isEmpty else {
                output.append(contentsOf: bytes)
                return
            }
            var copied = 0
            for lineStart in chunk.lineStarts {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]))
                indentIfAtLineStart()
                copied = lineStart
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    /// Indents only where the output really is at a line start: after text that stays on the
    /// same line (an inline block's own indentation, say) no extra indentation belongs.
    private mutating func indentIfAtLineStart() {
        guard !indentation.isEmpty, output.last == nil || output.last == Byte.newline else { return }
        output.append(contentsOf: indentation)
    }
}
