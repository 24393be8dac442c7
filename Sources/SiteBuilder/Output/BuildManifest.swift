import Foundation

/// What the last build wrote (`output/.yeyak-build.json`): each file with the fingerprint of its
/// inputs and the size and time it had afterwards. It lets a rebuild skip unchanged pages and
/// delete only files it wrote itself, never anything else found in `output/`.
struct BuildManifest: Sendable {
    static let fileName = ".yeyak-build.json"
    static let version = 1

    struct Entry: Sendable, Equatable {
        /// Nil for copied assets, which are compared by bytes only.
        var fingerprint: String?
        var status: OutputFile.Status
    }

    var files: [String: Entry] = [:]

    /// An unreadable or foreign manifest counts as empty: everything is compared by bytes, and
    /// nothing is deleted, which is the safe side.
    static func load(from output: URL) -> BuildManifest {
        let url = output.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["version"] as? Int == version, let files = root["files"] as? [String: [String: Any]]
        else { return BuildManifest() }
        var manifest = BuildManifest()
        for (path, fields) in files {
            guard isSafeRelativePath(path), let size = fields["size"] as? Int,
                  let seconds = fields["mtime"] as? Int, let nanoseconds = fields["mtimeNanoseconds"] as? Int
            else { continue }
            manifest.files[path] = Entry(fingerprint: fields["fingerprint"] as? String,
                                         status: .init(size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds))
        }
        return manifest
    }

    /// A manifest edited by hand must not make the build delete outside `output/`.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
            && path != fileName
    }

    func encoded() -> [UInt8] {
        var text = "{\n  \"version\": \(Self.version),\n  \"generator\": \"yeyak build\",\n  \"files\": {"
        var first = true
        for path in files.keys.sorted() {
            let entry = files[path]!
            text += first ? "\n" : ",\n"
            first = false
            text += "    " + JSONText.quoted(path) + ": {"
            if let fingerprint = entry.fingerprint { text += "\"fingerprint\": \"\(fingerprint)\", " }
            text += "\"size\": \(entry.status.size), \"mtime\": \(entry.status.modifiedSeconds), "
            text += "\"mtimeNanoseconds\": \(entry.status.modifiedNanoseconds)}"
        }
        text += "\n  }\n}\n"
        return Array(text.utf8)
    }
}
