import Foundation

/// A set of parsed templates known by name, each usable as a page or as a partial of the others.
///
/// Everything is parsed up front, so a broken template fails the build before any page is
/// written, and the library is immutable afterwards: lock-free to share across threads.
package struct TemplateLibrary: PartialProvider, Sendable {
    package let templates: [String: Template]

    package init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Parses each source; `name` is both its key and how errors refer to it.
    package init(sources: [String: String]) throws {
        var templates: [String: Template] = [:]
        for (name, source) in sources {
            templates[name] = try Template(source, name: name)
        }
        self.templates = templates
    }

    /// Loads every `*.mustache` file below `directory`. A template's name is its path relative
    /// to the folder without the extension (`layout`, `partials/header`); errors name the file
    /// (`partials/header.mustache:3:7: …`).
    package init(directory: URL, fileExtension: String = "mustache") throws {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MustacheError(templateName: directory.path, reason: "no such template folder")
        }
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw MustacheError(templateName: directory.path, reason: "cannot read the template folder")
        }
        var templates: [String: Template] = [:]
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let file as URL in enumerator where file.pathExtension == fileExtension {
            let path = file.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(rootPath) else { continue }
            let relativePath = String(path.dropFirst(rootPath.count))
            let name = String(relativePath.dropLast(fileExtension.count + 1))
            let source: String
            do {
                source = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw MustacheError(templateName: relativePath, reason: "cannot read: \(error.localizedDescription)")
            }
            templates[name] = try Template(source, name: relativePath)
        }
        self.templates = templates
    }

    package var names: [String] { templates.keys.sorted() }

    /// Every template parsed again, for one thread's own use (see `Template.privateCopy()`).
    package func privateCopy() -> TemplateLibrary {
        TemplateLibrary(templates: templates.mapValues { $0.privateCopy() })
    }

    package func template(named name: String) -> Template? {
        templates[name]
    }

    /// Renders the template called `name` with this library for its partials and parents.
    package func render(_ name: String, _ value: MustacheValue) throws -> String {
        try requireTemplate(name).render(value, partials: self)
    }

    package func renderUTF8(_ name: String, _ value: MustacheValue) throws -> [UInt8] {
        try requireTemplate(name).renderUTF8(value, partials: self)
    }

    /// Appends the page to `output`, so a build can reuse one buffer for thousands of pages.
    package func render(_ name: String, _ value: MustacheValue, into output: inout [UInt8]) throws {
        try requireTemplate(name).render(value, partials: self, into: &output)
    }

    private func requireTemplate(_ name: String) throws -> Template {
        guard let template = templates[name] else {
            throw MustacheError(templateName: name, reason: "no such template (known: \(names.joined(separator: ", ")))")
        }
        return template
    }
}
