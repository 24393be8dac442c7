/// A template that cannot be parsed or rendered, located like a compiler message:
/// `restaurant.mustache:12:5: unclosed section 'slots'`.
package struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How the template is known to its author, usually its file path.
    package var templateName: String
    /// 1-based line and column (in characters) of the offending tag; nil when not about a place.
    package var line: Int?
    package var column: Int?
    package var reason: String

    package init(templateName: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.templateName = templateName
        self.line = line
        self.column = column
        self.reason = reason
    }

    package var description: String {
        if let line, let column { return "\(templateName):\(line):\(column): \(reason)" }
        return "\(templateName): \(reason)"
    }
}
