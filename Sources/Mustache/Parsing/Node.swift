/// One piece of a parsed template. A template is a tree of these, built once and rendered many
/// times; nothing in it refers back to the source text.
enum Node: Sendable {
    /// Literal text, with the offsets where a template line starts (for partial indentation).
    /// Unretained, owned by the template's `NodeArena`.
    case text(Unmanaged<Text>)
    /// A template line that starts with a tag: indentation goes here when the template is
    /// rendered as an indented partial.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`. Unretained, owned by the `NodeArena`.
    case variable(Unmanaged<Variable>)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(Section)
    /// `{{>name}}` or `{{>*name}}`.
    case partial(PartialCall)
    /// `{{<name}}{{$block}}…{{/block}}{{/name}}`.
    case parent(ParentCall)
    /// `{{$name}}default{{/name}}`: a place a child template may fill.
    case block(Block)
}

// Payloads are single class references so that walking the tree costs one retain per node,
// or none for the two kinds visited most.

/// Owns a template's text and variable nodes, which its tree refers to unretained. A site build
/// visits them millions of times (every slot of every page), and retaining and releasing each
/// visited node was 12% of its CPU (perf, 2026-12-02); the renderer reads them through
/// `_withUnsafeGuaranteedRef`, which costs nothing. A `Template` holds its arena, and a
/// template is alive while any of its nodes is rendered (a parent's blocks come from the child
/// being rendered, further up the same call stack).
final class NodeArena: @unchecked Sendable {
    /// Appended to only while the tree is built; never changed afterwards.
    private var objects: [AnyObject] = []

    func keep<Object: AnyObject>(_ object: Object) -> Unmanaged<Object> {
        objects.append(object)
        return .passUnretained(object)
    }
}

/// Text bytes ready to copy to the output.
final class Text: Sendable {
    let bytes: [UInt8]
    /// Offsets into `bytes` where a template line begins.
    let lineStarts: [Int]

    init(bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }
}

final class Variable: Sendable {
    let path: NamePath
    let escaped: Bool

    init(path: NamePath, escaped: Bool) {
        self.path = path
        self.escaped = escaped
    }
}

/// A dotted name split once at parse time; no parts means the implicit iterator `.`.
struct NamePath: Sendable, Equatable {
    let parts: [String]

    init(_ name: String) {
        parts = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

final class Section: Sendable {
    let path: NamePath
    let body: [Node]
    let inverted: Bool

    init(path: NamePath, body: [Node], inverted: Bool) {
        self.path = path
        self.body = body
        self.inverted = inverted
    }
}

/// How a partial or parent tag names its template.
enum TemplateReference: Sendable {
    case name(String)
    /// `{{>*path}}`: the name is looked up in the data at render time.
    case dynamic(NamePath)
}

final class PartialCall: Sendable {
    let reference: TemplateReference
    /// The whitespace before a standalone tag, prepended to every line of the partial.
    let indentation: [UInt8]

    init(reference: TemplateReference, indentation: [UInt8]) {
        self.reference = reference
        self.indentation = indentation
    }
}

final class ParentCall: Sendable {
    let reference: TemplateReference
    let indentation: [UInt8]
    /// The blocks given inside the tag, by name; they replace the parent's blocks of that name.
    let arguments: [String: Block]

    init(reference: TemplateReference, indentation: [UInt8], arguments: [String: Block]) {
        self.reference = reference
        self.indentation = indentation
        self.arguments = arguments
    }
}

final class Block: Sendable {
    let name: String
    let body: [Node]
    /// Added to the indentation of whatever content fills this block where it stands.
    let siteIndentation: [UInt8]

    init(name: String, body: [Node], siteIndentation: [UInt8]) {
        self.name = name
        self.body = body
        self.siteIndentation = siteIndentation
    }
}
