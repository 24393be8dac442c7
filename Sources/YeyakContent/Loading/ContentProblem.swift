/// One thing wrong with the content, said so an editor can find and fix it:
/// `restaurants/jipbap.json: tables[1].depositPerPerson: 0보다 커야 합니다`. The message is
/// Korean (editors are Korean); the file and the field path stay exactly as written in the
/// file, so an editor can search for them. Tests assert the sentences.
package struct ContentProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file relative to the content folder, e.g. `restaurants/jipbap.json`.
    package let file: String
    /// The field path inside the file, e.g. `tables[1].depositPerPerson`; empty for the whole file.
    package let field: String
    package let message: String

    package init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    package var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }
}

/// Every problem found in one pass; `yeyak check` and `yeyak build` print them all at once.
package struct ContentErrors: Error, Sendable, CustomStringConvertible {
    package let problems: [ContentProblem]
    package init(_ problems: [ContentProblem]) { self.problems = problems }
    package var description: String {
        "콘텐츠에 문제가 \(problems.count)개 있습니다:\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems while a file is read, so reading goes on after the first mistake.
final class ProblemLog {
    let file: String
    private(set) var problems: [ContentProblem] = []
    init(file: String) { self.file = file }

    func report(_ path: FieldPath, _ message: String) {
        problems.append(ContentProblem(file: file, field: path.description, message: message))
    }
}

/// `tables[1].depositPerPerson`, built up as the reader descends.
struct FieldPath: CustomStringConvertible {
    private var parts: [String] = []
    static let root = FieldPath()

    func key(_ name: String) -> FieldPath {
        var copy = self
        copy.parts.append(copy.parts.isEmpty ? name : "." + name)
        return copy
    }

    func index(_ position: Int) -> FieldPath {
        var copy = self
        copy.parts.append("[\(position)]")
        return copy
    }

    var description: String { parts.joined() }
}
