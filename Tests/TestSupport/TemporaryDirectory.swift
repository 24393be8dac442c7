import Foundation

/// A fresh folder under the system temp dir, removed when the test is done with it.
package final class TemporaryDirectory: @unchecked Sendable {
    package let url: URL

    package init(prefix: String = "yeyak-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package var path: String { url.path }

    /// Writes `contents` to `relativePath`, creating intermediate folders.
    @discardableResult
    package func write(_ relativePath: String, _ contents: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file
    }

    package func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }

    package func remove() { try? FileManager.default.removeItem(at: url) }
    deinit { remove() }
}
