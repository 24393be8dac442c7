import Foundation
import JSON

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
              let root = try? JSONParser.parse([UInt8](data)),
              root["version"]?.intValue == version, let files = root["files"]?.objectMembers,
              files.allSatisfy({ $0.node.isObject })
        else { return BuildManifest() }
        var manifest = BuildManifest()
        manifest.files.reserveCapacity(files.count)
        var complete = true
        for (path, fields) in files {
            guard isSafeRelativePath(path), let size = fields["size"]?.intValue,
                  let seconds = fields["mtime"]?.intValue, let nanoseconds = fields["mtimeNanoseconds"]?.intValue
            else {
                complete = false
                continue
            }
            // A manifest from before change times were recorded: -1 never matches, so such a
            // file is compared by bytes once.
            let status = OutputFile.Status(size: size, modifiedSeconds: seconds, modifiedNanoseconds: nanoseconds,
                                           changedSeconds: fields["ctime"]?.intValue ?? -1,
                                           changedNanoseconds: fields["ctimeNanoseconds"]?.intValue ?? -1)
            manifest.files[path] = Entry(fingerprint: fields["fingerprint"]?.stringValue, status: status)
        }
        // Reuse needs every output checked: not with an entry that could not be read.
        if complete && !manifest.files.isEmpty { manifest.inputs = root["inputs"].flatMap(decodeInputs) }
        return manifest
    }

    static func decodeInputs(_ fields: JSONNode) -> InputRecord? {
        guard let options = fields["options"]?.stringValue,
              let builtAt = fields["builtAt"]?.intValue, let validUntil = fields["validUntil"]?.intValue,
              let restaurants = fields["restaurants"]?.intValue, let pages = fields["pages"]?.intValue,
              let stamps = fields["files"]?.objectMembers
        else { return nil }
        var snapshot = InputSnapshot()
        snapshot.files.reserveCapacity(stamps.count)
        for (path, numbers) in stamps {
            guard let fields = numbers.array(of: \.intValue), let stamp = InputSnapshot.Stamp(fields: fields) else { return nil }
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

    /// Compact JSON written by `JSONValue`, paths in sorted order so equal builds write equal bytes.
    func encoded() -> [UInt8] {
        var files: [(String, JSONValue)] = []
        files.reserveCapacity(self.files.count)
        for path in self.files.keys.sorted() {
            let entry = self.files[path]!
            var fields: [(String, JSONValue)] = []
            if let fingerprint = entry.fingerprint { fields.append(("fingerprint", .string(fingerprint))) }
            fields += [
                ("size", .int(entry.status.size)), ("mtime", .int(entry.status.modifiedSeconds)),
                ("mtimeNanoseconds", .int(entry.status.modifiedNanoseconds)),
                ("ctime", .int(entry.status.changedSeconds)), ("ctimeNanoseconds", .int(entry.status.changedNanoseconds)),
            ]
            files.append((path, .object(fields)))
        }
        var root: JSONValue = ["version": .int(Self.version), "generator": "yeyak build", "files": .object(files)]
        if let inputs {
            let stamps = inputs.snapshot.files.keys.sorted().map { path in
                (path, JSONValue.array(inputs.snapshot.files[path]!.fields.map(JSONValue.int)))
            }
            root.set("inputs", [
                "options": .string(inputs.options),
                "builtAt": .int(inputs.builtAtMilliseconds), "validUntil": .int(inputs.validUntilMilliseconds),
                "restaurants": .int(inputs.restaurants), "pages": .int(inputs.pages),
                "files": .object(stamps),
            ])
        }
        return root.bytes + [UInt8(ascii: "\n")]
    }
}
