import Foundation

/// Partials read on first use from `DIRECTORY/name.mustache` and then kept, for
/// `yeyak render --partials DIR` where only the few partials a template uses should be read.
package final class DirectoryPartials: PartialProvider, @unchecked Sendable {
    package let directory: URL
    package let fileExtension: String
    /// Guards `cache`; parsing happens under the lock too, so each file is parsed once.
    private let lock = NSLock()
    private var cache: [String: Template?] = [:]

    package init(directory: URL, fileExtension: String = "mustache") {
        self.directory = directory
        self.fileExtension = fileExtension
    }

    package func template(named name: String) throws -> Template? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[name] { return cached }
        let template = try load(name)
        cache[name] = template
        return template
    }

    /// A missing file is a missing partial (empty output); names cannot leave the folder.
    private func load(_ name: String) throws -> Template? {
        let parts = name.split(separator: "/")
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            return nil
        }
        let fileName = "\(name).\(fileExtension)"
        let file = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let source: String
        do {
            source = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw MustacheError(templateName: fileName, reason: "cannot read: \(error.localizedDescription)")
        }
        return try Template(source, name: fileName)
    }
}
