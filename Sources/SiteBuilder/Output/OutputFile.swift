import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain POSIX file access for the hot path: one `open` + one `write` per page, and a byte
/// comparison that reads the old file only when its size matches.
enum OutputFile {
    /// The change time is there because tools can put a modification time back, and nothing
    /// can put a change time back: a page edited by hand keeping its size and time is still seen.
    struct Status: Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var changedSeconds: Int
        var changedNanoseconds: Int

        /// Nil for anything but a regular file.
        init?(_ info: stat) {
            guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            self.init(size: Int(info.st_size), modifiedSeconds: Int(info.st_mtim.tv_sec),
                      modifiedNanoseconds: Int(info.st_mtim.tv_nsec), changedSeconds: Int(info.st_ctim.tv_sec),
                      changedNanoseconds: Int(info.st_ctim.tv_nsec))
        }

        init(size: Int, modifiedSeconds: Int, modifiedNanoseconds: Int, changedSeconds: Int, changedNanoseconds: Int) {
            self.size = size
            self.modifiedSeconds = modifiedSeconds
            self.modifiedNanoseconds = modifiedNanoseconds
            self.changedSeconds = changedSeconds
            self.changedNanoseconds = changedNanoseconds
        }
    }

    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(info)
    }

    /// True when the file at `path` holds exactly `bytes`.
    static func hasContents(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let existing = status(path), existing.size == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: bytes.count + 1)
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            total += count
        }
        return total == bytes.count && buffer.withUnsafeBytes { old in
            bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, bytes.count) == 0 }
        }
    }

    static func contents(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// One `open` + one `write` (looping only on a short write). No temporary file and rename:
    /// that doubles the file-system work of a cold build. A crash mid-write leaves a torn file,
    /// but the manifest is saved only at the end, so the next build compares it and rewrites it.
    /// Returns the written file's status (`fstat` on the open descriptor: no second path lookup).
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) throws -> Status {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try makeParentDirectories(of: path)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw BuildError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw BuildError("cannot write \(path): \(String(cString: strerror(errno)))") }
            written += count
        }
        var info = stat()
        guard fstat(fd, &info) == 0, let status = Status(info) else { throw BuildError("cannot read back \(path)") }
        return status
    }

    static func makeParentDirectories(of path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let directory = String(path[..<slash])
        if directory.isEmpty || mkdir(directory, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            try makeParentDirectories(of: directory)
            if mkdir(directory, 0o755) == 0 || errno == EEXIST { return }
        }
        throw BuildError("cannot create folder \(directory): \(String(cString: strerror(errno)))")
    }

    /// Removes a file the build wrote earlier, then its folders while they are empty.
    static func remove(_ path: String, stopAt root: String) {
        unlink(path)
        var directory = (path as NSString).deletingLastPathComponent
        while directory.count > root.count, directory.hasPrefix(root), rmdir(directory) == 0 {
            directory = (directory as NSString).deletingLastPathComponent
        }
    }
}

/// A build failure with a message for the editor (exit 1 in the CLI).
package struct BuildError: Error, CustomStringConvertible, Sendable {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
