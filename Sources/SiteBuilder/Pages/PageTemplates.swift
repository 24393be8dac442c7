import Foundation
import Mustache

/// The site's templates, parsed once per build (or once per service start) and shared by every
/// page rendered in parallel.
package struct PageTemplates: Sendable {
    static let required = ["layout", "index", "restaurant", "book", "manage", "result", "error", "404"]

    let library: TemplateLibrary
    /// Changes whenever any template changes, so every page is re-rendered (then still only
    /// written where its bytes differ).
    let fingerprint: String

    package init(folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError("templates folder '\(folder.path)' does not exist")
        }
        do {
            library = try TemplateLibrary(directory: folder)
        } catch {
            throw BuildError("template error: \(error)")
        }
        let loaded = library
        let missing = Self.required.filter { loaded.template(named: $0) == nil }
        guard missing.isEmpty else {
            throw BuildError("templates folder '\(folder.path)' lacks \(missing.map { $0 + ".mustache" }.joined(separator: ", "))")
        }
        var hash = Fingerprint()
        for name in loaded.names {
            hash.add(name)
            let file = folder.appendingPathComponent(name + ".mustache")
            hash.add(bytes: OutputFile.contents(file.path) ?? [])
        }
        fingerprint = hash.hex
    }

    private init(library: TemplateLibrary, fingerprint: String) {
        self.library = library
        self.fingerprint = fingerprint
    }

    /// The same templates for one thread's own use: threads sharing parsed templates slow each
    /// other down (see `Template.privateCopy()`).
    func privateCopy() -> PageTemplates { PageTemplates(library: library.privateCopy(), fingerprint: fingerprint) }

    package func render(_ name: String, _ fields: MustacheObject) throws -> [UInt8] {
        do {
            return try library.renderUTF8(name, .object(fields))
        } catch {
            throw BuildError("template error: \(error)")
        }
    }
}
