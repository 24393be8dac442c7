import FolderWalking
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The identity (size, modification and change times in nanoseconds, inode) of every file
/// under the folders a build reads: `content/` (site file, restaurants, images) and the
/// templates folder (templates, partials, assets). Hidden and unrelated files count too, which
/// costs at most a needless full build, never a missed change.
///
/// Why stat and not bytes: hashing 2,000 restaurant files costs about as much as parsing them.
/// The change time (`ctime`) cannot be set by tools, so an edit that keeps the size and puts the
/// old modification time back is still seen, and Linux gives a change made after a `stat` a
/// fresh fine-grained time, so an edit racing the build is seen too.
struct InputSnapshot: Sendable, Equatable {
    struct Stamp: Sendable, Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var changedSeconds: Int
        var changedNanoseconds: Int
        var inode: Int

        var fields: [Int] { [size, modifiedSeconds, modifiedNanoseconds, changedSeconds, changedNanoseconds, inode] }

        init(_ info: stat) {
            size = Int(info.st_size)
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
            changedSeconds = Int(info.st_ctim.tv_sec)
            changedNanoseconds = Int(info.st_ctim.tv_nsec)
            inode = Int(info.st_ino)
        }

        init?(fields: [Int]) {
            guard fields.count == 6 else { return nil }
            size = fields[0]
            modifiedSeconds = fields[1]
            modifiedNanoseconds = fields[2]
            changedSeconds = fields[3]
            changedNanoseconds = fields[4]
            inode = fields[5]
        }
    }

    /// Keyed `LABEL/relative/path`, e.g. `content/restaurants/jipbap.json`.
    var files: [String: Stamp] = [:]

    /// Nil when a folder cannot be read completely, or holds a symbolic link to a folder (which
    /// could loop or change target unseen): the build then takes its normal path.
    static func take(_ folders: [(label: String, folder: URL)]) -> InputSnapshot? {
        var snapshot = InputSnapshot()
        for (label, folder) in folders {
            var root = folder.standardizedFileURL.path
            while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
            let complete = FolderWalk.walk(root, onFailure: .giveUp) { relativePath, info in
                snapshot.files[label + "/" + relativePath] = Stamp(info)
            }
            guard complete else { return nil }
        }
        return snapshot
    }
}
