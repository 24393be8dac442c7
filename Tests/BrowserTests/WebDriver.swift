import Foundation

/// One headless Chromium, driven through chromedriver with the W3C WebDriver protocol (JSON over
/// HTTP). Just the commands a guest's actions need: open a page, find, click, type, read,
/// run a script, take a screenshot. No Selenium: the protocol is small enough to speak directly.
final class WebDriver: @unchecked Sendable {
    /// A command the browser refused, with WebDriver's error name ("no such element", ...).
    struct CommandError: Error, CustomStringConvertible {
        let command: String
        let status: Int
        let error: String
        let message: String
        var description: String { "WebDriver \(command) -> \(status) \(error): \(message.prefix(400))" }
    }

    /// A DOM element, by its WebDriver reference.
    struct Element: Sendable {
        let id: String
    }

    /// The screens the guest flows are checked on: a phone (390x844, as an iPhone 14 shows
    /// pages) and a laptop (1280x900).
    enum Viewport: String, CaseIterable, Sendable {
        case phone = "390x844"
        case desktop = "1280x900"

        var width: Int { self == .phone ? 390 : 1280 }
        var height: Int { self == .phone ? 844 : 900 }
    }

    /// The arguments a headless Chromium needs on a CI machine running as root, in Korean.
    static let chromiumArguments = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ko-KR",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
    ]

    /// W3C's key for an element reference in JSON.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let sessionURL: String
    let viewport: Viewport

    /// Opens a new browser session on the chromedriver at `driverURL`. A phone is Chromium's
    /// device emulation (a headless window is never narrower than 500 px): 390 CSS pixels wide,
    /// touch, a phone's user agent.
    init(driverURL: String, chromium: String, viewport: Viewport = .desktop) throws {
        self.viewport = viewport
        var options: [String: Any] = [
            "binary": chromium,
            "args": Self.chromiumArguments + ["--window-size=\(max(viewport.width, 500)),\(viewport.height)"],
            "prefs": ["intl.accept_languages": "ko-KR,ko"],
        ]
        if viewport == .phone {
            options["mobileEmulation"] = [
                "deviceMetrics": ["width": viewport.width, "height": viewport.height, "pixelRatio": 2, "touch": true] as [String: Any],
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
            ] as [String: Any]
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "goog:chromeOptions": options,
                ] as [String: Any],
            ],
        ]
        let reply = try LoopbackHTTP.send("POST", driverURL + "/session", json: capabilities, timeout: 60)
        let value = reply.json["value"] as? [String: Any] ?? [:]
        guard reply.status == 200, let sessionId = value["sessionId"] as? String else {
            throw CommandError(command: "new session", status: reply.status, error: value["error"] as? String ?? "",
                               message: value["message"] as? String ?? reply.text)
        }
        sessionURL = driverURL + "/session/" + sessionId
        _ = try command("POST", "/timeouts", ["script": 30_000, "pageLoad": 30_000, "implicit": 0])
    }

    // MARK: - Navigation

    func navigate(to url: String) throws {
        _ = try command("POST", "/url", ["url": url])
    }

    func currentURL() throws -> String {
        try command("GET", "/url") as? String ?? ""
    }

    func refresh() throws {
        _ = try command("POST", "/refresh", [:])
    }

    /// Resizes the browser window (headless: the viewport), e.g. 390x844 for a phone.
    func resizeWindow(width: Int, height: Int) throws {
        _ = try command("POST", "/window/rect", ["width": width, "height": height])
    }

    func back() throws {
        _ = try command("POST", "/back", [:])
    }

    func forward() throws {
        _ = try command("POST", "/forward", [:])
    }

    // MARK: - Elements

    /// The first element matching a CSS selector (WebDriver's "no such element" when none).
    func find(_ css: String) throws -> Element {
        let value = try command("POST", "/element", ["using": "css selector", "value": css])
        return try Self.element(from: value, command: "find \(css)")
    }

    func findAll(_ css: String) throws -> [Element] {
        let value = try command("POST", "/elements", ["using": "css selector", "value": css])
        return try (value as? [Any] ?? []).map { try Self.element(from: $0, command: "find all \(css)") }
    }

    func click(_ element: Element) throws {
        _ = try command("POST", "/element/\(element.id)/click", [:])
    }

    /// Types `text` into the element as keystrokes (so the page's input events fire).
    func sendKeys(_ element: Element, _ text: String) throws {
        _ = try command("POST", "/element/\(element.id)/value", ["text": text])
    }

    func clear(_ element: Element) throws {
        _ = try command("POST", "/element/\(element.id)/clear", [:])
    }

    /// The rendered text (what a guest sees: hidden parts are left out).
    func text(_ element: Element) throws -> String {
        try command("GET", "/element/\(element.id)/text") as? String ?? ""
    }

    func attribute(_ element: Element, _ name: String) throws -> String? {
        try command("GET", "/element/\(element.id)/attribute/\(name)") as? String
    }

    func isDisplayed(_ element: Element) throws -> Bool {
        try command("GET", "/element/\(element.id)/displayed") as? Bool ?? false
    }

    /// Moves the commands into an iframe (`element`), or back to the top page (nil).
    func switchToFrame(_ element: Element?) throws {
        let id: Any = element.map { [Self.elementKey: $0.id] as [String: Any] } ?? NSNull()
        _ = try command("POST", "/frame", ["id": id])
    }

    /// Presses keys on whatever has the focus, one after another, as a keyboard does (W3C key
    /// actions: `Key.tab`, `Key.arrowRight`, or any text).
    func press(_ keys: String) throws {
        var actions: [[String: Any]] = []
        for key in keys {
            actions.append(["type": "keyDown", "value": String(key)])
            actions.append(["type": "keyUp", "value": String(key)])
        }
        _ = try command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        _ = try command("DELETE", "/actions")
    }

    /// WebDriver's codes for the keys a guest without a mouse uses.
    enum Key {
        static let tab = "\u{E004}"
        static let enter = "\u{E007}"
        static let space = "\u{E00D}"
        static let arrowRight = "\u{E014}"
        static let arrowLeft = "\u{E012}"
    }

    // MARK: - Scripts and pictures

    /// Runs `script` as a function body in the page; `arguments` are its `arguments`.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        let value = try command("POST", "/execute/sync", ["script": script, "args": arguments])
        return value is NSNull ? nil : value
    }

    /// Runs `script`, which calls its last argument (the callback) with the result, when done.
    func executeAsync(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        let value = try command("POST", "/execute/async", ["script": script, "args": arguments])
        return value is NSNull ? nil : value
    }

    /// The visible part of the page as PNG bytes.
    func screenshot() throws -> Data {
        let base64 = try command("GET", "/screenshot") as? String ?? ""
        guard let data = Data(base64Encoded: base64) else {
            throw CommandError(command: "screenshot", status: 200, error: "bad base64", message: "")
        }
        return data
    }

    /// Ends the session and closes the browser.
    func quit() {
        _ = try? LoopbackHTTP.send("DELETE", sessionURL, timeout: 20)
    }

    // MARK: - The protocol

    /// One command: `{value: ...}` on success, `{value: {error, message}}` otherwise.
    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
        let reply = try LoopbackHTTP.send(method, sessionURL + path, json: body, timeout: 60)
        let value = reply.json["value"] ?? NSNull()
        if reply.status != 200 {
            let details = value as? [String: Any] ?? [:]
            throw CommandError(command: "\(method) \(path)", status: reply.status, error: details["error"] as? String ?? "",
                               message: details["message"] as? String ?? reply.text)
        }
        return value
    }

    private static func element(from value: Any, command: String) throws -> Element {
        guard let reference = (value as? [String: Any])?[elementKey] as? String else {
            throw CommandError(command: command, status: 200, error: "no element reference", message: "\(value)")
        }
        return Element(id: reference)
    }
}
