import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `chromedriver --port=N` as a child of the test, ready once `/status` says so. Each test owns
/// its driver and stops it at the end, browsers included.
final class ChromeDriverProcess: @unchecked Sendable {
    let url: String
    let chromium: String
    private let process: RunningProcess
    private let lock = NSLock()
    private var sessions: [WebDriver] = []

    init() throws {
        chromium = try RequiredTool.chromium
        let driver = try RequiredTool.chromedriver
        let port = FreePort.find()
        url = "http://127.0.0.1:\(port)"
        process = try RunningProcess(URL(fileURLWithPath: driver), ["--port=\(port)", "--allowed-ips=127.0.0.1"])
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let status = try? LoopbackHTTP.send("GET", url + "/status", timeout: 2),
               (status.json["value"] as? [String: Any])?["ready"] as? Bool == true {
                return
            }
            guard process.process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.signal(SIGKILL)
        throw RequiredTool.Missing(description: "chromedriver did not become ready: \(process.printed)")
    }

    /// A new browser (its own profile: own cookies, storage and cache), a laptop's unless told.
    func newBrowser(_ viewport: WebDriver.Viewport = .desktop) throws -> WebDriver {
        let browser = try WebDriver(driverURL: url, chromium: chromium, viewport: viewport)
        lock.withLock { sessions.append(browser) }
        return browser
    }

    /// Closes every browser, then the driver.
    func stop() {
        let open = lock.withLock { sessions }
        for browser in open { browser.quit() }
        guard process.process.isRunning else { return }
        process.signal(SIGTERM)
        process.waitForExit(timeout: 10)
    }
}
