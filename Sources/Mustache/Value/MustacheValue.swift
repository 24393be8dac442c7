/// The data a template is rendered against.
///
/// A plain enum rather than `Any` or protocols so that view models are cheap to build, `Sendable`,
/// and the renderer never pays for dynamic casts or Foundation bridging.
package enum MustacheValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([MustacheValue])
    case object(MustacheObject)

    /// An object from a dictionary, for callers that build one; `MustacheObject` directly is
    /// cheaper on a hot path (see there). Disfavoured, so that `.object([...])` literals build
    /// a `MustacheObject` and no dictionary.
    @_disfavoredOverload
    package static func object(_ members: [String: MustacheValue]) -> MustacheValue {
        .object(MustacheObject(members))
    }

    /// Whether a section `{{#x}}` renders (and an inverted section `{{^x}}` does not).
    ///
    /// The spec fixes `false`, null and the empty list as falsey. Like mustache.js, the empty
    /// string and zero are falsey too, so `{{#comment}}…{{/comment}}` hides an empty comment.
    package var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0 && !value.isNaN
        case .string(let value): return !value.isEmpty
        case .list(let items): return !items.isEmpty
        case .object: return true
        }
    }

    /// The member `key` of an object, nil for anything else or a missing key.
    package subscript(key: String) -> MustacheValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

// MARK: - Literals

extension MustacheValue: ExpressibleByNilLiteral {
    package init(nilLiteral: ()) { self = .null }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self = .int(value) }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    package init(floatLiteral value: Double) { self = .double(value) }
}

extension MustacheValue: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .string(value) }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(MustacheObject(elements))
    }
}
