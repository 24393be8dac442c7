import Foundation
import TestSupport
import XCTest

/// A test that drives real browsers against a running Yeyak. It owns chromedriver and the stack
/// for the length of one test and stops both whatever happens.
class BrowserTestCase: XCTestCase {
    /// A guest's booking as the guest sees it and as the test checks it afterwards.
    struct GuestBooking {
        var slotId: String
        var deposit: Int
        var orderId: String
    }

    /// "20,000원", as the pages write amounts.
    static func won(_ amount: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return (formatter.string(from: NSNumber(value: amount)) ?? "\(amount)") + "원"
    }

    /// Runs `body` with a fresh `yeyak dev` (free ports, empty database; `arguments` added to its
    /// command line) and a chromedriver.
    func withDevStack(arguments: [String] = [], _ body: (StackEndpoints, ChromeDriverProcess) throws -> Void) throws {
        _ = try RequiredTool.sqlite3
        let driver = try ChromeDriverProcess()
        let stack: DevStack
        do { stack = try DevStack(arguments: arguments) } catch { driver.stop(); throw error }
        do {
            try body(stack.endpoints, driver)
        } catch {
            driver.stop()
            stack.stop()
            throw error
        }
        driver.stop()
        XCTAssertEqual(stack.stop(), 0, "yeyak dev stops cleanly on Ctrl-C:\n\(stack.printed.suffix(2000))")
    }

    /// The first upcoming slot of a restaurant, reached as a guest does: the list, the
    /// restaurant's card, then the first time on its page. Leaves the browser on the booking page.
    func openFirstSlotFromTheList(_ browser: WebDriver, site: String, restaurant: String = "jipbap") throws -> String {
        try browser.navigate(to: site + "/")
        try browser.waitForText("h1", containing: "예약")
        try browser.click(browser.find("a.card-link[href*=\"restaurants/\(restaurant)\"]"))
        try browser.waitForURL(containing: "/restaurants/\(restaurant)/")
        try browser.waitForText("#slots-title", containing: "예약 가능한 시간")
        try browser.click(browser.find("a.slot"))
        // The page keeps the guest's choice in its URL: ?slot=ID becomes ?party=2&slot=ID.
        try browser.waitForURL(containing: "slot=")
        return try selectedSlot(browser)
    }

    /// Opens the booking page for `slot` directly (a guest's bookmark or the restaurant's link).
    func openBookingPage(_ browser: WebDriver, site: String, restaurant: String = "jipbap", slot: String) throws {
        try browser.navigate(to: "\(site)/restaurants/\(restaurant)/book/?slot=\(slot)")
        try browser.waitForText("h1", containing: "예약")
        let selected = try selectedSlot(browser)
        XCTAssertEqual(selected, slot, "the booking page preselects the slot from its link")
    }

    /// The time chip that is chosen ("" when none).
    func selectedSlot(_ browser: WebDriver) throws -> String {
        try browser.execute("var c = document.querySelector('#time-chips input:checked'); return c ? c.value : ''") as? String ?? ""
    }

    /// The per-person deposit the booking page shows for `slot` (from the page's own data).
    func depositShown(_ browser: WebDriver, slot: String) throws -> Int {
        let script = "var id = arguments[0], d = JSON.parse(document.getElementById('booking-data').textContent);"
            + " var s = d.slots.filter(function (x) { return x.id === id; })[0]; return s ? s.deposit : -1;"
        return try browser.execute(script, [slot]) as? Int ?? -1
    }

    /// The first slot of a restaurant according to the service (what its pages list first).
    func firstSlot(_ stack: StackEndpoints, restaurant: String = "jipbap") throws -> (id: String, capacity: Int) {
        let reply = try LoopbackHTTP.get("\(stack.service)/api/availability?restaurant=\(restaurant)")
        let slots = reply.json["slots"] as? [[String: Any]] ?? []
        guard let first = slots.first, let id = first["slotId"] as? String, let capacity = first["capacity"] as? Int else {
            throw WebDriver.Timeout(description: "no slots: \(reply.text.prefix(300))")
        }
        return (id, capacity)
    }

    /// Hold on the page (party of `partySize`), the sandbox widget, then the payment window.
    func holdAndOpenPaymentWindow(_ browser: WebDriver, partySize: Int = 2, name: String = "김예약",
                                  phone: String = "010-1234-5678") throws {
        try browser.fillBookingForm(partySize: partySize, name: name, phone: phone)
        try browser.submitBookingForm()
        try browser.waitForPaymentWidget()
        try browser.openPaymentWindow()
    }

    /// The whole happy path on the page that is open; returns what the guest was told.
    func payAndApprove(_ browser: WebDriver, slot: String, partySize: Int = 2) throws -> GuestBooking {
        _ = try browser.seatsLeftShown()
        let deposit = try depositShown(browser, slot: slot)
        try holdAndOpenPaymentWindow(browser, partySize: partySize)
        try browser.choose("approve")
        try browser.waitForText("h1", containing: "예약이 성공하였습니다")
        let orderId = try browser.bookingNumberShown()
        return GuestBooking(slotId: slot, deposit: deposit, orderId: orderId)
    }

    /// The database row of a paid booking: PAID, paid_at set, amount = party size x deposit.
    func assertPaidInDatabase(_ stack: StackEndpoints, _ booking: GuestBooking, partySize: Int = 2,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let row = try XCTUnwrap(stack.database.booking(booking.orderId), "booking \(booking.orderId) in the database",
                                file: file, line: line)
        XCTAssertEqual(row["state"] as? String, "PAID", "\(row)", file: file, line: line)
        XCTAssertNotNil(row["paid_at"] as? Int, "paid_at is set: \(row)", file: file, line: line)
        XCTAssertEqual(row["party_size"] as? Int, partySize, file: file, line: line)
        XCTAssertGreaterThan(booking.deposit, 0, file: file, line: line)
        XCTAssertEqual(row["amount"] as? Int, partySize * booking.deposit, "amount = party size x deposit", file: file, line: line)
        XCTAssertEqual(row["slot_id"] as? String, booking.slotId, file: file, line: line)
    }
}
