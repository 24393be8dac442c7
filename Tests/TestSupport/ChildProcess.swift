import Foundation

/// Runs the built `yeyak` binary (or any program) and captures what it prints, so CLI tests
/// check exactly what a user in a terminal would see, exit status included.
package struct ProcessResult: Sendable {
    package let status: Int32
    package let standardOutput: String
    package let standardError: String
}

package enum ChildProcess {
    /// `.build/debug/yeyak`, beside the test bundle that is running.
    package static var yeyakBinary: URL {
        let bundleDirectory = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            .deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundleDirectory.appendingPathComponent("yeyak")
    }

    /// Runs the built `yeyak` with `arguments`.
    package static func yeyak(
        _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil, timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        try run(yeyakBinary, arguments, environment: environment, currentDirectory: currentDirectory, timeout: timeout)
    }

    /// Runs to completion (bounded by `timeout`, then killed) and returns status and output.
    package static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData, as: UTF8.self))
    }
}
