import Foundation
import XCTest

/// What a guest does on the booking pages, and the waits between steps (pages, the SDK and the
/// service answer asynchronously; every wait has a deadline and says what it waited for).
extension WebDriver {
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    func waitUntil(_ what: String, seconds: TimeInterval = 15, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var lastError: Error?
        while Date() < deadline {
            do {
                if try condition() { return }
            } catch {
                lastError = error
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let url = (try? currentURL()) ?? "?"
        let text = (try? bodyText()) ?? ""
        throw Timeout(description: "timed out waiting for \(what) at \(url)"
            + (lastError.map { " (last error: \($0))" } ?? "") + "\npage text: \(text.prefix(1500))")
    }

    /// Everything the page shows, as rendered text.
    func bodyText() throws -> String {
        try text(find("body"))
    }

    /// Waits until the element matching `css` shows text containing `expected`; returns its text.
    @discardableResult
    func waitForText(_ css: String, containing expected: String, seconds: TimeInterval = 15) throws -> String {
        var seen = ""
        try waitUntil("\"\(expected)\" in \(css)", seconds: seconds) {
            seen = try text(find(css))
            return seen.contains(expected)
        }
        return seen
    }

    func waitForURL(containing fragment: String, seconds: TimeInterval = 15) throws {
        try waitUntil("a URL containing \(fragment)", seconds: seconds) {
            try currentURL().contains(fragment)
        }
    }

    // MARK: - The booking page

    /// Waits for the page's availability answer ("남은 좌석 N석") and returns N.
    func seatsLeftShown(seconds: TimeInterval = 15) throws -> Int {
        let text = try waitForText("#slot-seats", containing: "석", seconds: seconds)
        guard let match = text.firstMatch(of: /남은 좌석 (\d+)석/), let seats = Int(match.1) else {
            throw Timeout(description: "no seat count in \"\(text)\"")
        }
        return seats
    }

    /// Party size, name and phone, as a guest would choose and type them (the party is a chip).
    func fillBookingForm(partySize: Int, name: String, phone: String) throws {
        try choosePartySize(partySize)
        let nameField = try find("#name")
        try clear(nameField)
        if !name.isEmpty { try sendKeys(nameField, name) }
        let phoneField = try find("#phone")
        try clear(phoneField)
        if !phone.isEmpty { try sendKeys(phoneField, phone) }
    }

    /// Taps the party-size chip.
    func choosePartySize(_ size: Int) throws {
        try click(find("#party-size input[value=\"\(size)\"]"))
    }

    /// Taps a date in the strip (scrolled into view first, as a guest swipes to it).
    func chooseDate(_ isoDate: String) throws {
        try click(find("#date input[value=\"\(isoDate)\"]"))
    }

    /// Taps a time chip of the date shown.
    func chooseTime(_ slotId: String) throws {
        try click(find("#time-chips input[value=\"\(slotId)\"]"))
    }

    /// The party-size chip that is chosen (0 when none).
    func partySizeChosen() throws -> Int {
        try execute("var c = document.querySelector('#party-size input:checked'); return c ? Number(c.value) : 0") as? Int ?? 0
    }

    /// The amount the (sandbox) payment widget will charge, as it shows it ("결제 금액: 20,000원").
    func widgetAmount() throws -> String {
        let text = try self.text(find("#payment-method"))
        guard let match = text.firstMatch(of: /결제 금액: ([0-9,]+원)/) else {
            throw Timeout(description: "no amount in the widget: \(text)")
        }
        return String(match.1)
    }

    func submitBookingForm() throws {
        try click(find("#hold-button"))
    }

    /// After a hold: the payment section with the (sandbox) Toss widget rendered into it.
    func waitForPaymentWidget() throws {
        try waitUntil("the payment section with the Toss widget") {
            guard try isDisplayed(find("#payment")) else { return false }
            return try text(find("#payment-method")).contains("SANDBOX")
        }
    }

    /// The pay button, then the sandbox's payment window (a full navigation, as Toss does).
    func openPaymentWindow() throws {
        try click(find("#pay-button"))
        try waitForURL(containing: "/payment-window/")
        try waitUntil("the payment window's buttons") { try isDisplayed(find("#approve")) }
    }

    /// `approve`, `decline` or `cancel` in the payment window; waits for the service's result page.
    func choose(_ button: String) throws {
        try click(find("#\(button)"))
        try waitForURL(containing: "/restaurant/confirm/", seconds: 30)
        try waitUntil("the result page") { try !findAll("article.result").isEmpty }
    }

    /// The order number ("주문번호 …", Toss's orderId) shown on a result page.
    func bookingNumberShown() throws -> String {
        try text(find(".order-id strong")).trimmingCharacters(in: .whitespaces)
    }

    /// The booking code ("예약번호 K7QX-2M9P") shown on a result page.
    func bookingCodeShown() throws -> String {
        try text(find(".booking-code strong")).trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Evidence

    /// Saves what the browser shows to a PNG outside the repository and prints where.
    @discardableResult
    func saveScreenshot(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yeyak-browser-screenshots", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(viewport == .phone ? "\(name)-\(viewport.rawValue).png" : "\(name).png")
        try screenshot().write(to: file)
        print("BrowserTests: screenshot \(file.path)")
        return file
    }
}
