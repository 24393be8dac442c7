/// A template that cannot be parsed or rendered, located like a compiler message:
/// `restaurant.mustache:12:5: unclosed section 'slots'`.
public struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How the template is known to its author, usually its file path.
    public var templateName: String
    /// 1-based line and column (in characters) of the offending tag; nil when not about a place.
    public var line: Int?
    public var column: Int?
    public var reason: String

    public init(templateName: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.templateName = templateName
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        if let line, let column { return "\(templateName):\(line):\(column): \(reason)" }
        return "\(templateName): \(reason)"
    }
}
