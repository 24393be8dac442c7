/// The members of a template object (`MustacheValue.object`): a few named values in one array.
///
/// Not a `Dictionary`: view-model objects have 3 to 25 members, a site build makes hundreds of
/// thousands of them (one per slot and page) and reads each member once or twice. Hashing String
/// keys (SipHash, seeded per dictionary, so again for every frame a name is searched in) and
/// allocating hash tables cost more than the search: about 20% of a cold build's CPU (perf,
/// 2026-12-02, docs/benchmarks.md "Yeyak vs Hugo"). Scanning compares the UTF-8 length first,
/// so most mismatches cost one integer comparison.
///
/// Like a dictionary literal with `uniquingKeysWith: last`, the last of two equal keys wins.
package struct MustacheObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    package typealias Element = (String, MustacheValue)
    /// In the order given; a literal's variadic array is kept as it is, without a copy.
    private var entries: [Element]

    package init() { entries = [] }

    package init(dictionaryLiteral elements: (String, MustacheValue)...) { self.init(elements) }

    package init(_ elements: [(String, MustacheValue)]) { entries = elements }

    package init(_ dictionary: [String: MustacheValue]) {
        entries = dictionary.map { ($0.key, $0.value) }
    }

    /// The member `key`, nil when missing; setting nil removes it.
    package subscript(key: String) -> MustacheValue? {
        get {
            guard let index = lastIndex(of: key) else { return nil }
            return entries[index].1
        }
        set {
            if let newValue {
                if let index = lastIndex(of: key) { entries[index].1 = newValue } else { entries.append((key, newValue)) }
            } else {
                entries.removeAll { $0.0 == key }
            }
        }
    }

    /// Adds or replaces every member of `other` (its values win).
    package mutating func merge(_ other: MustacheObject) {
        for (key, value) in other.entries { self[key] = value }
    }

    package var isEmpty: Bool { entries.isEmpty }

    package func makeIterator() -> IndexingIterator<[Element]> { uniqued().entries.makeIterator() }

    private func lastIndex(of key: String) -> Int? {
        let length = key.utf8.count
        var index = entries.count - 1
        while index >= 0 {
            let candidate = entries[index].0
            if candidate.utf8.count == length && candidate == key { return index }
            index -= 1
        }
        return nil
    }

    /// The same members with each key once (the last value of a repeated key).
    private func uniqued() -> MustacheObject {
        var seen = Set<String>()
        var copy = MustacheObject()
        for entry in entries.reversed() where seen.insert(entry.0).inserted { copy.entries.append(entry) }
        copy.entries.reverse()
        return copy
    }

    /// Equal members, in any order, as for dictionaries.
    package static func == (lhs: MustacheObject, rhs: MustacheObject) -> Bool {
        let left = lhs.uniqued().entries, right = rhs.uniqued()
        return left.count == right.entries.count && left.allSatisfy { right[$0.0] == $0.1 }
    }
}
