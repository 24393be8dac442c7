import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build read and how long its pages stay right, saved in the build manifest so that a
/// rebuild can skip loading 2,000 content files and rendering 4,000 pages when nothing changed.
///
/// A rebuild may reuse the last build only when all of these hold, and takes the normal path
/// on any doubt: the same options (overrides, folders, the `yeyak` binary itself), the same
/// stat of every input file, and a clock between the last build's `now` and `validUntil`
/// (the next midnight or the next slot start, see `SiteContent.unchangedUntil(after:)`).
/// The outputs are checked separately (`BuildManifest.outputsIntact`).
struct InputRecord: Sendable, Equatable {
    var options: String
    var snapshot: InputSnapshot
    /// Rounded up, so a clock set back by less than a millisecond still counts as earlier.
    var builtAtMilliseconds: Int
    /// Rounded down, so the reuse window never reaches past the real boundary.
    var validUntilMilliseconds: Int
    var restaurants: Int
    var pages: Int

    init(options: String, snapshot: InputSnapshot, builtAt: Date, validUntil: Date, restaurants: Int, pages: Int) {
        self.options = options
        self.snapshot = snapshot
        builtAtMilliseconds = Int((builtAt.timeIntervalSince1970 * 1000).rounded(.up))
        validUntilMilliseconds = Int((validUntil.timeIntervalSince1970 * 1000).rounded(.down))
        self.restaurants = restaurants
        self.pages = pages
    }

    init(options: String, snapshot: InputSnapshot, builtAtMilliseconds: Int, validUntilMilliseconds: Int,
         restaurants: Int, pages: Int) {
        self.options = options
        self.snapshot = snapshot
        self.builtAtMilliseconds = builtAtMilliseconds
        self.validUntilMilliseconds = validUntilMilliseconds
        self.restaurants = restaurants
        self.pages = pages
    }

    /// True when building now with `options` from files in the state `snapshot` would produce
    /// exactly what this record's build produced.
    func allowsReuse(options: String, snapshot: InputSnapshot, now: Date) -> Bool {
        let milliseconds = now.timeIntervalSince1970 * 1000
        return options == self.options && Double(builtAtMilliseconds) <= milliseconds
            && milliseconds < Double(validUntilMilliseconds) && snapshot == self.snapshot
    }

    /// Everything besides the files that decides the output: the folders, every override, and
    /// the identity of the running binary, since a new `yeyak` may render the same content
    /// differently.
    static func options(content: URL, templates: URL, overrides: SiteOverrides) -> String {
        [
            "yeyak-inputs-1",
            "binary " + binaryIdentity(),
            "content " + content.standardizedFileURL.path,
            "templates " + templates.standardizedFileURL.path,
            "baseURL " + (overrides.baseURL?.absoluteString ?? "-"),
            "serviceURL " + (overrides.serviceURL?.absoluteString ?? "-"),
            "tossSDKURL " + (overrides.tossSDKURL?.absoluteString ?? "-"),
            "tossClientKey " + (overrides.tossClientKey ?? "-"),
            overrides.fileLinks ? "file-links" : "pretty-links",
        ].joined(separator: "\n")
    }

    /// Size, modification time and inode of the executable (`/proc/self/exe` on Linux).
    static func binaryIdentity() -> String {
        var info = stat()
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : (Bundle.main.executablePath ?? "")
        guard stat(path, &info) == 0 else { return "unknown \(ProcessInfo.processInfo.processIdentifier)" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }
}
