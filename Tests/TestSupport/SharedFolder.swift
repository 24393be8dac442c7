import Foundation

/// `../shared/` beside the project (read-only material such as the Mustache spec).
/// Tests that need it skip with a printed reason where it is absent.
package enum SharedFolder {
    /// The project root, found from this source file's location.
    package static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/SharedFolder.swift
        return url
    }()

    package static let url: URL = projectRoot.deletingLastPathComponent().appendingPathComponent("shared")

    package static var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// True when running under CI (`CI=true`): tests that need a browser or nginx must fail, not skip.
package var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
