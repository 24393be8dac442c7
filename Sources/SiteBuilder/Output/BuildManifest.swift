import Foundation

/// What the last build wrote (`output/.yeyak-build.json`): each file with the fingerprint of its
/// inputs and the size and time it had afterwards. It lets a rebuild skip unchanged pages and
/// delete only files it wrote itself, never anything else found in `output/`. When the build
/// loaded the content itself it also records its inputs (`InputRecord`), so that a rebuild with
/// nothing changed can skip loading and rendering altogether.
struct BuildManifest: Sendable {
    static let fileName = ".yeyak-build.json"
    static let version = 1

    struct Entry: Sendable, Equatable {
        /// Nil for copied assets, which are compared by bytes only.
        var fingerprint: String?
        var status: OutputFile.Status
    }

    var files: [String: Entry] = [:]
    /// What the build read, when it loaded the content itself; nil otherwise (no reuse then).
    var inputs: InputRecord?

    /// An unreadable or foreign manifest counts as empty: everything is compared by bytes, and
    /// nothing is deleted, which is the safe side.
    static func load(from output: URL) -> BuildManifest {
        let url = output.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["version"] as? Int == version, let files = root["files"] as? [String: [String: Any]]
        else { return BuildManifest() }
        var manifest = BuildManifest()
        var complete = true
        for (path, fields) in files {
            guard isSafeRelativePath(path), let size = fields["size"] as? Int,
                  let seconds = fields["mtime"] as? Int, let nanoseconds = fields["mtimeNanoseconds"] as? Int
            else {
                complete = false
                continue
            }
            // A manifest from before change times were recorded: -1 never matches, so such a
            // file is compared by bytes once.
            let status = OutputFile.Status(size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds,
                                           changedSeconds: fields["ctime"] as? Int ?? -1,
                                           changedNanoseconds: fields["ctimeNanoseconds"] as? Int ?? -1)
            manifest.files[path] = Entry(fingerprint: fields["fingerprint"] as? String, status: status)
        }
        // Reuse needs every output checked: not with an entry that could not be read.
        if complete && !manifest.files.isEmpty { manifest.inputs = root["inputs"].flatMap(decodeInputs) }
        return manifest
    }

    static func decodeInputs(_ value: Any) -> InputRecord? {
        guard let fields = value as? [String: Any], let options = fields["options"] as? String,
              let builtAt = fields["builtAt"] as? Int, let validUntil = fields["validUntil"] as? Int,
              let restaurants = fields["restaurants"] as? Int, let pages = fields["pages"] as? Int,
              let stamps = fields["files"] as? [String: [Int]]
        else { return nil }
        var snapshot = InputSnapshot()
        for (path, numbers) in stamps {
            guard let stamp = InputSnapshot.Stamp(fields: numbers) else { return nil }
            snapshot.files[path] = stamp
        }
        return InputRecord(options: options, snapshot: snapshot, builtAtMilliseconds: builtAt,
                           validUntilMilliseconds: validUntil, restaurants: restaurants, pages: pages)
    }

    /// True when every file this manifest lists still has the size and time the build left it
    /// with: nothing deleted or edited by hand since.
    func outputsIntact(root: String) -> Bool {
        files.allSatisfy { path, entry in OutputFile.status(root + "/" + path) == entry.status }
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
            text += "\"mtimeNanoseconds\": \(entry.status.modifiedNanoseconds), "
            text += "\"ctime\": \(entry.status.changedSeconds), \"ctimeNanoseconds\": \(entry.status.changedNanoseconds)}"
        }
        text += "\n  }"
        if let inputs {
            text += ",\n  \"inputs\": {\n    \"options\": " + JSONText.quoted(inputs.options)
            text += ",\n    \"builtAt\": \(inputs.builtAtMilliseconds), \"validUntil\": \(inputs.validUntilMilliseconds)"
            text += ",\n    \"restaurants\": \(inputs.restaurants), \"pages\": \(inputs.pages),\n    \"files\": {"
            var first = true
            for path in inputs.snapshot.files.keys.sorted() {
                let numbers = inputs.snapshot.files[path]!.fields.map(String.init).joined(separator: ", ")
                text += (first ? "\n      " : ",\n      ") + JSONText.quoted(path) + ": [" + numbers + "]"
                first = false
            }
            text += "\n    }\n  }"
        }
        text += "\n}\n"
        return Array(text.utf8)
    }
}
