#if canImport(Glibc)
import Glibc
#endif

/// Every entry under a folder that is not itself a folder, with its `stat` (links followed),
/// found with `opendir`/`readdir`. Hidden names are included; symbolic links to folders are
/// never followed (they could loop, or change target unseen).
///
/// Its two users want opposite things when part of a tree cannot be read, so the caller says
/// which (`FailureRule`):
/// - `yeyak dev`'s watcher (`FolderSnapshot`) must keep watching whatever it can: `.skip`.
/// - the build's up-to-date check (`InputSnapshot`) must not trust a partial picture: `.giveUp`,
///   and the build takes its full path.
package enum FolderWalk {
    /// What to do with an entry that cannot be read completely: a folder that does not open
    /// (including the root), an entry whose `stat` fails (e.g. a dangling link), a symbolic
    /// link to a folder, or a folder nested deeper than `maxDepth`.
    package enum FailureRule: Sendable {
        /// Leave that entry out and walk on.
        case skip
        /// Stop at once: `walk` returns false.
        case giveUp
    }

    /// How deep folders may nest below the root before the rule applies.
    package static let maxDepth = 32

    /// Calls `visit` with each non-folder entry's path relative to `root` (`a/b.json`) and its
    /// `stat`. Returns false when the rule is `.giveUp` and something could not be read (after
    /// which `visit` may have seen only part of the tree); always true with `.skip`.
    @discardableResult
    package static func walk(_ root: String, onFailure rule: FailureRule,
                            _ visit: (_ relativePath: String, _ info: stat) -> Void) -> Bool {
        walk(directory: root, relative: "", depth: 0, rule: rule, visit)
    }

    private static func walk(directory: String, relative: String, depth: Int, rule: FailureRule,
                             _ visit: (String, stat) -> Void) -> Bool {
        let skip = rule == .skip
        guard depth < maxDepth, let handle = opendir(directory) else { return skip }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else {  // e.g. a dangling link
                if skip { continue }
                return false
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var link = stat()
                guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFDIR,
                      walk(directory: path, relative: relativePath, depth: depth + 1, rule: rule, visit) else {
                    if skip { continue }
                return false
                }
            } else {
                visit(relativePath, info)
            }
        }
        return true
    }
}
