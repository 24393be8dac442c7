import Foundation
import JSON

/// Reads the fields of one JSON object, reporting every problem (wrong type, missing field,
/// unknown field with a "did you mean" hint) instead of stopping at the first.
struct ObjectReader {
    let node: JSONNode
    let path: FieldPath
    let log: ProblemLog
    private let members: [(key: String, node: JSONNode)]

    /// Returns nil (and reports) when `node` is not an object.
    init?(_ node: JSONNode, path: FieldPath, log: ProblemLog, allowedKeys: [String]) {
        guard case .object(let members) = node.value else {
            log.report(path, "{ ... } 형태의 객체여야 합니다. 지금은 \(ContentWords.kind(of: node))입니다 (\(node.line)행 \(node.column)열)")
            return nil
        }
        self.node = node
        self.path = path
        self.log = log
        self.members = members
        for member in members where !allowedKeys.contains(member.key) {
            var message = "알 수 없는 항목입니다 (\(member.node.line)행)."
            if let suggestion = Self.closest(to: member.key, in: allowedKeys) {
                message += " 혹시 '\(suggestion)'인가요?"
            } else {
                message += " 쓸 수 있는 항목: \(allowedKeys.joined(separator: ", "))"
            }
            log.report(path.key(member.key), message)
        }
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func raw(_ key: String) -> JSONNode? { members.first { $0.key == key }?.node }

    private func missing(_ key: String, _ required: Bool) {
        if required { log.report(path.key(key), "꼭 있어야 하는 항목입니다") }
    }

    func string(_ key: String, required: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let node = raw(key) else { missing(key, required); return nil }
        guard case .string(let text) = node.value else {
            log.report(path.key(key), "큰따옴표로 감싼 글자여야 합니다. 지금은 \(ContentWords.kind(of: node))입니다")
            return nil
        }
        if !allowEmpty && text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            log.report(path.key(key), "비어 있으면 안 됩니다")
            return nil
        }
        return text
    }

    /// A whole number within `range`; `rangeMessage` says the range in the field's own terms ("1석부터 50석까지").
    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true, rangeMessage: String? = nil) -> Int? {
        guard let node = raw(key) else { missing(key, required); return nil }
        guard case .number(let text) = node.value else {
            log.report(path.key(key), "숫자여야 합니다. 지금은 \(ContentWords.kind(of: node))입니다")
            return nil
        }
        guard !text.contains("."), !text.contains("e"), !text.contains("E"), let value = Int(text) else {
            log.report(path.key(key), "소수점 없는 정수여야 합니다. 지금은 \(text)입니다")
            return nil
        }
        guard range.contains(value) else {
            log.report(path.key(key), (rangeMessage ?? "\(range.lowerBound)부터 \(range.upperBound)까지여야 합니다") + ". 지금은 \(value)입니다")
            return nil
        }
        return value
    }

    func bool(_ key: String) -> Bool? {
        guard let node = raw(key) else { return nil }
        guard case .bool(let value) = node.value else {
            log.report(path.key(key), "true 또는 false여야 합니다. 지금은 \(ContentWords.kind(of: node))입니다")
            return nil
        }
        return value
    }

    /// The elements of a list field with their paths; nil (reported) when absent or not a list.
    func list(_ key: String, required: Bool = true) -> [(node: JSONNode, path: FieldPath)]? {
        guard let node = raw(key) else { missing(key, required); return nil }
        guard case .array(let elements) = node.value else {
            log.report(path.key(key), "[ ... ] 형태의 목록이어야 합니다. 지금은 \(ContentWords.kind(of: node))입니다")
            return nil
        }
        return elements.enumerated().map { (node: $0.element, path: path.key(key).index($0.offset)) }
    }

    func object(_ key: String, allowedKeys: [String], required: Bool = true) -> ObjectReader? {
        guard let node = raw(key) else { missing(key, required); return nil }
        return ObjectReader(node, path: path.key(key), log: log, allowedKeys: allowedKeys)
    }

    /// A list of strings, each checked to be text.
    func strings(_ key: String, required: Bool = true) -> [(value: String, path: FieldPath)]? {
        guard let elements = list(key, required: required) else { return nil }
        var values: [(value: String, path: FieldPath)] = []
        for element in elements {
            guard case .string(let text) = element.node.value else {
                log.report(element.path, "큰따옴표로 감싼 글자여야 합니다. 지금은 \(ContentWords.kind(of: element.node))입니다")
                continue
            }
            values.append((value: text, path: element.path))
        }
        return values
    }

    // MARK: - Typo hints

    static func closest(to key: String, in candidates: [String]) -> String? {
        let lowered = key.lowercased()
        let scored = candidates.map { (candidate: $0, distance: editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let allowance = max(2, key.count / 3)
        let containsEither = best.candidate.lowercased().contains(lowered) || lowered.contains(best.candidate.lowercased())
        return best.distance <= allowance || containsEither ? best.candidate : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
