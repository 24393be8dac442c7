import Foundation

/// Writes the build's files into `output/` only where their bytes change, and afterwards removes
/// the files an earlier build wrote that this build no longer produces. Thread-safe: pages are
/// rendered and handed over from `concurrentPerform`.
final class IncrementalWriter: @unchecked Sendable {
    let root: String
    private let previous: BuildManifest
    /// Guards `current` and the counters.
    private let lock = NSLock()
    private var current = BuildManifest()
    private(set) var written = 0
    private(set) var unchanged = 0
    /// Saved in the manifest by `finish()`; set once all pages are handed over.
    var inputs: InputRecord?

    init(output: URL, previous: BuildManifest? = nil) {
        root = Self.rootPath(output)
        self.previous = previous ?? BuildManifest.load(from: output)
    }

    static func rootPath(_ output: URL) -> String {
        var root = output.standardizedFileURL.path
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    func absolutePath(_ relativePath: String) -> String { root + "/" + relativePath }

    /// True (and recorded as unchanged) when the last build wrote `relativePath` from the same
    /// inputs and the file still has the size and time it had then: no need to render it.
    func isFresh(_ relativePath: String, fingerprint: String) -> Bool {
        guard let entry = previous.files[relativePath], entry.fingerprint == fingerprint,
              OutputFile.status(absolutePath(relativePath)) == entry.status else { return false }
        record(relativePath, entry, wrote: false)
        return true
    }

    /// Writes `bytes` unless the file already holds exactly them.
    func write(_ relativePath: String, _ bytes: [UInt8], fingerprint: String? = nil) throws {
        if let secret = SecretGuard.firstSecret(in: bytes) {
            throw BuildError("refusing to write \(relativePath): it contains '\(secret)…', which looks like a Toss secret key; secret keys must never reach output/")
        }
        let path = absolutePath(relativePath)
        if OutputFile.hasContents(path, bytes), let status = OutputFile.status(path) {
            record(relativePath, BuildManifest.Entry(fingerprint: fingerprint, status: status), wrote: false)
        } else {
            let status = try OutputFile.write(bytes, to: path)
            record(relativePath, BuildManifest.Entry(fingerprint: fingerprint, status: status), wrote: true)
        }
    }

    private func record(_ relativePath: String, _ entry: BuildManifest.Entry, wrote: Bool) {
        lock.lock()
        defer { lock.unlock() }
        current.files[relativePath] = entry
        if wrote { written += 1 } else { unchanged += 1 }
    }

    /// Deletes what the previous build wrote and this one did not, then saves the manifest.
    /// Returns how many files were removed.
    func finish() throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        var removed = 0
        for path in previous.files.keys.sorted() where current.files[path] == nil {
            let absolute = absolutePath(path)
            if OutputFile.status(absolute) != nil {
                OutputFile.remove(absolute, stopAt: root)
                removed += 1
            }
        }
        current.inputs = inputs
        let manifestPath = absolutePath(BuildManifest.fileName)
        let bytes = current.encoded()
        if !OutputFile.hasContents(manifestPath, bytes) { try OutputFile.write(bytes, to: manifestPath) }
        return removed
    }
}
