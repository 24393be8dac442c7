#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A child that keeps running (`yeyak dev`, `yeyak sandbox`): the test reads its output lines
/// while it runs, then signals it and checks how it exits. Killed with SIGKILL if the test
/// forgets, so no child outlives its test.
public final class LongRunningProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""

    /// Starts `executable` (by default the built `yeyak`).
    public init(_ arguments: [String], executable: URL = ChildProcess.yeyakBinary, environment: [String: String]? = nil,
                currentDirectory: URL? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output += String(decoding: data, as: UTF8.self) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.errors += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything printed to stdout so far.
    public var standardOutput: String { lock.withLock { output } }
    /// Everything printed to stderr so far.
    public var standardError: String { lock.withLock { errors } }

    /// Waits until stdout or stderr contains `text`; false if the child exits or `timeout` passes first.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if standardOutput.contains(text) || standardError.contains(text) { return true }
            if !process.isRunning {
                Thread.sleep(forTimeInterval: 0.1)  // let the last bytes arrive
                return standardOutput.contains(text) || standardError.contains(text)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    public func signal(_ number: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, number) }
    }

    /// The exit status once the child is gone (nil if it is still running after `timeout`;
    /// it is then killed). A death by signal gives 128 + the signal number, as shells say.
    public func waitForExit(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.05)
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
