import Foundation
import XCTest

/// `python3`, for tests that check Yeyak's output with an independent implementation (Python's
/// `csv`, `hmac`, the receiver docs/deploy.md prints). Missing, it skips the test locally with
/// the reason printed, and fails it under `CI=true`, where `.ci/run` installs it.
package enum Python {
    /// The interpreter's path, or the skip (local) / failure (CI) that says it is missing.
    package static func interpreter() throws -> URL {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/python3" }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return URL(fileURLWithPath: found)
        }
        let reason = "python3 is not installed (apt-get install python3)"
        print("Python: \(reason)")
        if isCI { throw Missing(description: "CI=true and \(reason)") }
        throw XCTSkip(reason)
    }

    /// Runs `script` with `arguments`; the script's output and exit status.
    package static func run(_ script: String, _ arguments: [String] = [], timeout: TimeInterval = 60) throws -> ProcessResult {
        try ChildProcess.run(try interpreter(), ["-c", script] + arguments, timeout: timeout)
    }

    package struct Missing: Error, CustomStringConvertible {
        package let description: String
    }
}
