/// A Mustache template (spec v1.3 with inheritance), parsed once and rendered any number of
/// times, from any thread.
///
///     let page = try Template("<h1>{{name}}</h1>", name: "restaurant.mustache")
///     let html = try page.render(["name": "맛있는 집밥"])
package struct Template: Sendable {
    /// How errors refer to this template, usually its file path (`restaurant.mustache`).
    package let name: String
    let nodes: [Node]
    /// Keeps the nodes that `nodes` refers to unretained alive.
    private let arena: NodeArena
    /// Kept for `privateCopy()`.
    private let source: String
    private var sourceSize: Int { source.utf8.count }

    /// Parses `source`; a syntax error names `name`, the line and the column.
    package init(_ source: String, name: String = "template") throws {
        let bytes = Array(source.utf8)
        var tokenizer = Tokenizer(source: bytes, templateName: name)
        var tokens = try tokenizer.tokenize()
        StandaloneLines.mark(&tokens, source: bytes)
        var builder = TreeBuilder(source: bytes, templateName: name)
        self.nodes = try builder.build(tokens)
        self.arena = builder.arena
        self.name = name
        self.source = source
    }

    /// The same template parsed again, sharing no node with this one. Rendering retains and
    /// releases the nodes it walks; two threads walking the same nodes make those reference
    /// counts bounce between the cores, which cost a site build 12% of its CPU (perf,
    /// 2026-12-02). A build gives each of its threads its own copy instead.
    package func privateCopy() -> Template {
        // It parsed once; parsing is deterministic, so it parses again.
        try! Template(source, name: name)
    }

    // MARK: - Rendering

    /// Renders with `value` at the bottom of the context stack. Partials and parents are taken
    /// from `partials`; without one (or for a name it lacks) they render as nothing.
    package func render(_ value: MustacheValue, partials: (any PartialProvider)? = nil) throws -> String {
        String(decoding: try renderUTF8(value, partials: partials), as: UTF8.self)
    }

    /// The same output as UTF-8 bytes, ready to write to a file without another copy.
    package func renderUTF8(_ value: MustacheValue, partials: (any PartialProvider)? = nil) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(Swift.max(1024, sourceSize * 2))
        try render(value, partials: partials, into: &output)
        return output
    }

    /// Appends the output to `output`, so a caller can reuse one buffer for many pages.
    package func render(_ value: MustacheValue, partials: (any PartialProvider)? = nil,
                       into output: inout [UInt8]) throws {
        var renderer = Renderer(root: value, partials: partials, output: [])
        swap(&renderer.output, &output)
        defer { swap(&renderer.output, &output) }
        try renderer.render(nodes)
    }
}
