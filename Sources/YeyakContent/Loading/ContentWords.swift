import JSON

/// Words the Korean content messages share, so "지금은 숫자입니다" reads the same everywhere.
enum ContentWords {
    /// What kind of value an editor wrote, in Korean (`JSONNode.kindDescription` is English:
    /// the JSON module also answers API clients).
    static func kind(of node: JSONNode) -> String {
        switch node.value {
        case .object: "객체({ ... })"
        case .array: "목록([ ... ])"
        case .string: "글자"
        case .number: "숫자"
        case .bool: "true/false"
        case .null: "null"
        }
    }
}
