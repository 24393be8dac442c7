/// Typed reading of parsed JSON, for bodies that are read into Swift values (Toss's answers, the
/// sandbox's requests, the build manifest) rather than checked field by field with messages
/// (content files).
///
/// The rules are the ones `JSONDecoder` applied to those bodies before, so nothing is accepted
/// or refused differently: a field of the wrong type fails (an amount sent as `"5000"`), an
/// optional field may be absent or null, unknown fields are ignored, and a whole number may be
/// written `5000`, `5000.0` or `5e3` but not `5000.5`.
extension JSONNode {
    /// The value of `key` when this is an object; nil when it is absent or this is not an object.
    package subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.node
    }

    package var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    package var isNull: Bool { value == .null }

    /// The members in file order, when this is an object.
    package var objectMembers: [(key: String, node: JSONNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    package var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// A number that is exactly a whole `Int` (`100`, `100.0`, `1e2`); nil for `1.5`, numbers
    /// out of range and non-numbers.
    package var intValue: Int? {
        guard case .number(let text) = value else { return nil }
        if let exact = Int(text) { return exact }
        return Double(text).flatMap { Int(exactly: $0) }
    }

    /// A finite number; nil for numbers too large for a Double and non-numbers.
    package var doubleValue: Double? {
        guard case .number(let text) = value, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    package var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    package var arrayValue: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// Every element read by `read`, or nil when this is not a list or any element is unreadable.
    package func array<T>(of read: (JSONNode) -> T?) -> [T]? {
        guard let elements = arrayValue else { return nil }
        var values: [T] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = read(element) else { return nil }
            values.append(value)
        }
        return values
    }

    /// The field `key` of this object read by `read`: it must be there, not null, and readable.
    package func required<T>(_ key: String, _ read: (JSONNode) -> T?) throws(JSONFieldError) -> T {
        guard isObject else { throw JSONFieldError(key: key, problem: .notAnObject) }
        guard let node = self[key], !node.isNull else { throw JSONFieldError(key: key, problem: .missing) }
        guard let value = read(node) else { throw JSONFieldError(key: key, problem: .wrongType(node.kindDescription)) }
        return value
    }

    /// The field `key` of this object read by `read`, or nil when it is absent or null; a value
    /// that is there must be readable.
    package func optional<T>(_ key: String, _ read: (JSONNode) -> T?) throws(JSONFieldError) -> T? {
        guard isObject else { throw JSONFieldError(key: key, problem: .notAnObject) }
        guard let node = self[key], !node.isNull else { return nil }
        guard let value = read(node) else { throw JSONFieldError(key: key, problem: .wrongType(node.kindDescription)) }
        return value
    }
}

/// Why `required` or `optional` could not read a field.
package struct JSONFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Problem: Sendable, Equatable {
        /// The value holding the field is not an object.
        case notAnObject
        case missing
        /// The field holds a value of another kind (its `kindDescription`) or out of range.
        case wrongType(String)
    }

    package let key: String
    package let problem: Problem

    package init(key: String, problem: Problem) {
        self.key = key
        self.problem = problem
    }

    package var description: String {
        switch problem {
        case .notAnObject: return "'\(key)': not inside an object"
        case .missing: return "'\(key)' is missing"
        case .wrongType(let kind): return "'\(key)' cannot be read from \(kind)"
        }
    }
}
