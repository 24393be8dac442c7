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
            guard snapshot.walk(root, as: label, depth: 0) else { return nil }
        }
        return snapshot
    }

    private mutating func walk(_ directory: String, as label: String, depth: Int) -> Bool {
        guard depth < 32, let handle = opendir(directory) else { return false }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { return false }  // e.g. a dangling link
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var link = stat()
                guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFDIR,
                      walk(path, as: label + "/" + name, depth: depth + 1) else { return false }
            } else {
                files[label + "/" + name] = Stamp(info)
            }
        }
        return true
    }
}
