#if canImport(Glibc)
import Glibc
#endif
import FolderWalking
import Foundation

/// What the files under some folders looked like at one moment: path -> size and modification
/// time. Two snapshots differ when an editor saved, added, renamed or deleted a file.
/// Polling stats is enough for a few hundred content files and needs no inotify.
package struct FolderSnapshot: Sendable, Equatable {
    /// Size and modification time, to the nanosecond where the file system keeps it.
    package struct Stamp: Sendable, Equatable {
        package var size: Int
        package var modifiedSeconds: Int
        package var modifiedNanoseconds: Int

        package init(size: Int, modifiedSeconds: Int, modifiedNanoseconds: Int) {
            self.size = size
            self.modifiedSeconds = modifiedSeconds
            self.modifiedNanoseconds = modifiedNanoseconds
        }
    }

    package var files: [String: Stamp]

    package init(files: [String: Stamp] = [:]) { self.files = files }

    /// Every regular file under `folders` (links to files followed, links to folders not).
    /// What cannot be read is left out, so one bad entry never stops the watching.
    package static func take(of folders: [URL]) -> FolderSnapshot {
        var files: [String: Stamp] = [:]
        for folder in folders {
            let root = folder.path
            FolderWalk.walk(root, onFailure: .skip) { relativePath, info in
                guard (info.st_mode & S_IFMT) == S_IFREG else { return }
                files[root + "/" + relativePath] = Stamp(size: Int(info.st_size), modifiedSeconds: Int(info.st_mtim.tv_sec),
                                                         modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
            }
        }
        return FolderSnapshot(files: files)
    }

    /// The paths added, removed or changed since `older`, sorted.
    package func changes(since older: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where older.files[path] != stamp { changed.append(path) }
        for path in older.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
