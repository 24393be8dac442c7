/// A JSON value that remembers where it stood in its file, so content errors can say
/// "line 12, column 5" and editors find the mistake at once.
package struct JSONNode: Sendable, Equatable {
    package enum Value: Sendable, Equatable {
        /// Keys in file order (duplicates are rejected by the parser).
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// The number as written, so integers are read exactly (no Double round-trip).
        case number(String)
        case bool(Bool)
        case null

        package static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case let (.object(a), .object(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.node == $1.node }
            case let (.array(a), .array(b)): return a == b
            case let (.string(a), .string(b)): return a == b
            case let (.number(a), .number(b)): return a == b
            case let (.bool(a), .bool(b)): return a == b
            case (.null, .null): return true
            default: return false
            }
        }
    }

    package let value: Value
    package let line: Int
    package let column: Int

    package init(_ value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// The kind of value, as an editor would say it ("a string", "an object").
    package var kindDescription: String {
        switch value {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "text"
        case .number: return "a number"
        case .bool: return "true/false"
        case .null: return "null"
        }
    }
}
