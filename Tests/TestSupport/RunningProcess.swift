import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running child (`yeyak serve`, `yeyak sandbox`) that tests start, talk to over HTTP,
/// signal or SIGKILL, and whose output they read.
package final class RunningProcess: @unchecked Sendable {
    package let process = Process()
    private let lock = NSLock()
    private var output = ""

    package init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty, let self else { return }
            self.lock.withLock { self.output += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Everything printed so far (stdout and stderr).
    package var printed: String { lock.withLock { output } }

    /// Waits until the output contains `text`; false on timeout or exit.
    package func waitFor(_ text: String, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if printed.contains(text) { return true }
            if !process.isRunning { return printed.contains(text) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    package func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit and returns the status (or nil on timeout, after which it is killed).
    @discardableResult
    package func waitForExit(timeout: TimeInterval = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            signal(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
