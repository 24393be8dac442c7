import JSON
import Mustache

extension MustacheValue {
    /// Template data from JSON read by the JSON reader (`yeyak render --data FILE.json`): the one
    /// way JSON becomes template data. Booleans stay booleans; a number is an `Int` when it is
    /// written as one and a `Double` otherwise (`2.0` stays a double); duplicate keys cannot
    /// occur (the reader rejects them).
    package init(json node: JSONNode) {
        switch node.value {
        case .object(let members):
            self = .object(Dictionary(members.map { ($0.key, MustacheValue(json: $0.node)) }, uniquingKeysWith: { _, last in last }))
        case .array(let elements): self = .list(elements.map(MustacheValue.init(json:)))
        case .string(let text): self = .string(text)
        case .number(let text): self = Int(text).map(MustacheValue.int) ?? Double(text).map(MustacheValue.double) ?? .string(text)
        case .bool(let value): self = .bool(value)
        case .null: self = .null
        }
    }
}
