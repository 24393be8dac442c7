import Foundation
import TestSupport
import XCTest

/// Issue 17's booking page, at a phone's 390x844 and a laptop's 1280x900: the guest picks like on
/// Catchtable (party size, a date strip, time chips), pays exactly the amount on screen after any
/// change, sees how long the seats are held and what happens when that ends, keeps the choice
/// through back, forward and "다시 예약하기", and can do it all with the keyboard. Each step that
/// matters leaves a screenshot (`$TMPDIR/yeyak-browser-screenshots/picker-*`).
final class PickerFlowTests: BrowserTestCase {
    /// Hold 2명 at one time, then change to 3명, then to another time: each change takes the
    /// payment box away and holds again; the widget, the payment window, the database and the
    /// sandbox all have the amount the page shows at the end, and the first hold is released.
    func testTheAmountPaidIsTheAmountShownAfterChangingPartySizeAndTime() throws {
        try withDevStack { stack, driver in
            for (index, viewport) in WebDriver.Viewport.allCases.enumerated() {
                let browser = try driver.newBrowser(viewport)
                let day = try openBookingPage(browser, stack, day: index + 1)
                let first = try slot(on: day, seating: 3, in: browser, index: 0)
                let other = try slot(on: day, seating: 3, in: browser, index: -1)
                XCTAssertNotEqual(first.id, other.id)
                try browser.choosePartySize(2)
                try browser.chooseTime(first.id)
                try browser.fillBookingForm(partySize: 2, name: "김예약", phone: "010-1234-5678")
                try browser.submitBookingForm()
                try waitForHold(browser, amount: 2 * first.deposit)
                let firstOrder = try XCTUnwrap(stack.database.rows("SELECT order_id FROM bookings WHERE slot_id = '\(first.id)'").first?["order_id"] as? String)
                try browser.saveScreenshot("picker-held")

                try browser.choosePartySize(3)
                try waitForHold(browser, amount: 3 * first.deposit, summary: "3명")
                try browser.saveScreenshot("picker-resized")
                try browser.chooseTime(other.id)
                try waitForHold(browser, amount: 3 * other.deposit, summary: other.time)
                try browser.saveScreenshot("picker-other-time")
                let shown = Self.won(3 * other.deposit)
                let released = try stack.database.booking(firstOrder)?["state"] as? String
                XCTAssertNotEqual(released, "READY", "the hold on the time the guest left is released (\(viewport.rawValue))")

                try browser.openPaymentWindow()
                XCTAssertEqual(try browser.text(browser.find("#amount")), shown, "the payment window asks for the amount shown")
                try browser.choose("approve")
                try browser.waitForText("h1", containing: "예약이 성공하였습니다")
                let orderId = try browser.bookingNumberShown()
                let row = try XCTUnwrap(stack.database.booking(orderId))
                XCTAssertEqual(row["state"] as? String, "PAID")
                XCTAssertEqual(row["slot_id"] as? String, other.id)
                XCTAssertEqual(row["party_size"] as? Int, 3)
                XCTAssertEqual(row["amount"] as? Int, 3 * other.deposit, "the amount paid is the amount shown (\(viewport.rawValue))")
                let payments = try LoopbackHTTP.get("\(stack.sandbox)/__sandbox/payments").json["payments"] as? [[String: Any]] ?? []
                let paid = payments.filter { $0["orderId"] as? String == orderId }
                XCTAssertEqual(paid.count, 1, "\(payments)")
                XCTAssertEqual(paid.first?["totalAmount"] as? Int, 3 * other.deposit, "what the sandbox charged")
                try browser.saveScreenshot("picker-paid")
            }
        }
    }

    /// The page says up front how long seats are held, counts down, and when the hold ends takes
    /// the payment box away, says so in Korean and holds again on one press (8-second holds here).
    func testTheCountdownEndsAndTheGuestHoldsAgain() throws {
        try withDevStack(arguments: ["--hold-seconds", "8"]) { stack, driver in
            for (index, viewport) in WebDriver.Viewport.allCases.enumerated() {
                let browser = try driver.newBrowser(viewport)
                let day = try openBookingPage(browser, stack, day: index + 1)
                try browser.waitForText("#hold-note", containing: "8초 동안 좌석을 잡아 둡니다")
                let time = try slot(on: day, seating: 2, in: browser, index: 0)
                try browser.chooseTime(time.id)
                try browser.fillBookingForm(partySize: 2, name: "김예약", phone: "010-1234-5678")
                try browser.submitBookingForm()
                try waitForHold(browser, amount: 2 * time.deposit)
                let countdown = try browser.text(browser.find("#hold-remaining"))
                XCTAssertNotNil(countdown.wholeMatch(of: /0:0[0-8]/), "a countdown in minutes and seconds: \(countdown)")
                try browser.saveScreenshot("picker-countdown")

                let message = try browser.waitForText("#form-message", containing: "좌석을 잡아 둔 시간(8초)이 지나 좌석이 풀렸습니다", seconds: 20)
                XCTAssertTrue(message.contains("결제는 되지 않았습니다"), message)
                XCTAssertFalse(try browser.isDisplayed(browser.find("#payment")), "no payment box for a lapsed hold")
                XCTAssertEqual(try browser.text(browser.find("#hold-button")), "다시 좌석 잡기")
                try browser.saveScreenshot("picker-expired")

                try browser.submitBookingForm()
                try waitForHold(browser, amount: 2 * time.deposit)
                XCTAssertEqual(try browser.execute("return document.getElementById('hold-button').textContent") as? String, "좌석 잡고 결제하기")
                try browser.openPaymentWindow()
                try browser.choose("approve")
                try browser.waitForText("h1", containing: "예약이 성공하였습니다")
                let row = try XCTUnwrap(stack.database.booking(browser.bookingNumberShown()))
                XCTAssertEqual(row["state"] as? String, "PAID", "held again and paid (\(viewport.rawValue))")
                XCTAssertEqual(row["amount"] as? Int, 2 * time.deposit)
            }
        }
    }

    /// From the restaurant page's date strip to a choice of 3명 and a time; to the payment window
    /// and back: the choice is still there and the guest's own hold is not counted against them;
    /// back to the restaurant page and forward again: still there; holding again reuses the hold.
    func testBackAndForwardKeepTheChoiceAndTheGuestsOwnHoldIsNotCountedAgainstThem() throws {
        try withDevStack { stack, driver in
            for (index, viewport) in WebDriver.Viewport.allCases.enumerated() {
                let browser = try driver.newBrowser(viewport)
                try browser.navigate(to: "\(stack.site)/restaurants/jipbap/")
                try browser.waitForText("#slots-title", containing: "예약 가능한 시간")
                let strip = try browser.findAll(".date-strip a.date-chip")
                XCTAssertGreaterThan(strip.count, index + 1)
                try browser.click(strip[index + 1])
                try browser.waitForURL(containing: "/book/?")
                try waitForAvailability(browser)
                let day = try XCTUnwrap(browser.execute("return document.querySelector('#date input:checked').value") as? String)
                let time = try slot(on: day, seating: 3, in: browser, index: 0)
                let capacity = try stack.seatsLeft(restaurant: "jipbap", slot: time.id)
                try browser.choosePartySize(3)
                try browser.chooseTime(time.id)
                let url = try browser.currentURL()
                XCTAssertTrue(url.contains("party=3&slot=\(time.id)"), url)
                try browser.fillBookingForm(partySize: 3, name: "김예약", phone: "010-1234-5678")
                try browser.submitBookingForm()
                try waitForHold(browser, amount: 3 * time.deposit)
                try browser.openPaymentWindow()
                XCTAssertEqual(try stack.seatsLeft(restaurant: "jipbap", slot: time.id), capacity - 3, "the hold is live")

                try browser.back()
                try browser.waitForURL(containing: "/book/?")
                try assertChoice(browser, party: 3, slot: time.id, viewport)
                // The service counts the guest's hold as taken; the page gives the guest their own three seats back.
                try browser.waitForText("#slot-seats", containing: "남은 좌석 \(capacity)석")
                try browser.saveScreenshot("picker-back-from-window")
                try browser.back()
                try browser.waitForText("#slots-title", containing: "예약 가능한 시간")
                try browser.forward()
                try browser.waitForURL(containing: "/book/?")
                try assertChoice(browser, party: 3, slot: time.id, viewport)

                try browser.fillBookingForm(partySize: 3, name: "김예약", phone: "010-1234-5678")
                try browser.submitBookingForm()
                try waitForHold(browser, amount: 3 * time.deposit)
                let holds = try stack.database.rows("SELECT state FROM bookings WHERE slot_id = '\(time.id)'")
                XCTAssertEqual(holds.count, 1, "holding again reuses the guest's hold: \(holds)")
                XCTAssertEqual(try stack.seatsLeft(restaurant: "jipbap", slot: time.id), capacity - 3)
            }
        }
    }

    /// A declined payment's "다시 예약하기" returns to the same time with the same party, its
    /// seats counted as free again.
    func testBookingAgainAfterADeclineKeepsTheTimeAndPartySize() throws {
        try withDevStack { stack, driver in
            for (index, viewport) in WebDriver.Viewport.allCases.enumerated() {
                let browser = try driver.newBrowser(viewport)
                let day = try openBookingPage(browser, stack, day: index + 1)
                let time = try slot(on: day, seating: 3, in: browser, index: -1)
                let capacity = try stack.seatsLeft(restaurant: "jipbap", slot: time.id)
                try browser.choosePartySize(3)
                try browser.chooseTime(time.id)
                try holdAndOpenPaymentWindow(browser, partySize: 3)
                try browser.choose("decline")
                try browser.waitForText("h1", containing: "예약에 실패했습니다")
                try browser.click(browser.find(".result a.button"))
                try browser.waitForURL(containing: "/book/?")
                try assertChoice(browser, party: 3, slot: time.id, viewport)
                try browser.waitForText("#slot-seats", containing: "남은 좌석 \(capacity)석")
                XCTAssertEqual(try browser.seatsLeftShown(), capacity, "the declined hold's seats are free again (\(viewport.rawValue))")
                try browser.saveScreenshot("picker-book-again")
            }
        }
    }

    /// Tab, arrow keys, space and Enter only: party size, a time, name and phone, the hold, and
    /// the pay button to the payment window. Every stop shows a focus ring.
    func testKeyboardAloneBooksUpToThePaymentWindow() throws {
        try withDevStack { stack, driver in
            for (index, viewport) in WebDriver.Viewport.allCases.enumerated() {
                let browser = try driver.newBrowser(viewport)
                let day = try openBookingPage(browser, stack, day: index + 1)
                try tab(browser, to: "input[name=partySize]")
                XCTAssertEqual(try browser.execute("return document.activeElement.value") as? String, "2", "Tab lands on the chosen 2명")
                try browser.press(WebDriver.Key.arrowRight)
                XCTAssertEqual(try browser.partySizeChosen(), 3, "the arrow key chooses 3명")
                try tab(browser, to: "input[name=date]")
                XCTAssertEqual(try browser.execute("return document.activeElement.value") as? String, day)
                try tab(browser, to: "input[name=slotId]")
                try browser.press(WebDriver.Key.space)
                let chosen = try selectedSlot(browser)
                XCTAssertFalse(chosen.isEmpty, "space chooses the focused time")
                XCTAssertEqual(try browser.execute("return document.activeElement.value") as? String, chosen)
                try tab(browser, to: "#name")
                try browser.press("김예약")
                try tab(browser, to: "#phone")
                try browser.press("010-1234-5678")
                try browser.saveScreenshot("picker-keyboard-form")
                try tab(browser, to: "#hold-button")
                try browser.press(WebDriver.Key.enter)
                try browser.waitForPaymentWidget()
                let deposit = try depositShown(browser, slot: chosen)
                XCTAssertEqual(try browser.widgetAmount(), Self.won(3 * deposit))
                try tab(browser, to: "#pay-button")
                try browser.saveScreenshot("picker-keyboard-pay")
                try browser.press(WebDriver.Key.enter)
                try browser.waitForURL(containing: "/payment-window/")
                XCTAssertTrue(try browser.text(browser.find("#amount")).contains(Self.won(3 * deposit)), viewport.rawValue)
            }
        }
    }

    /// One day's times at a time: on a phone the restaurant page is a short page (the sample's
    /// three weeks listed whole were 7,400 px and 38 KB), and its dates are one strip.
    func testTheRestaurantPageShowsOneDayAtATimeOnAPhone() throws {
        try withDevStack { stack, driver in
            let browser = try driver.newBrowser(.phone)
            try browser.navigate(to: "\(stack.site)/restaurants/jipbap/")
            try browser.waitForText("#slots-title", containing: "예약 가능한 시간")
            let measured = try XCTUnwrap(browser.execute("""
                return {height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,
                        times: document.querySelectorAll('a.slot').length, dates: document.querySelectorAll('.date-strip a').length,
                        bytes: performance.getEntriesByType('navigation')[0].decodedBodySize}
                """) as? [String: Any])
            print("BrowserTests: the restaurant page at 390x844: \(measured)")
            let times = measured["times"] as? Int ?? 0
            XCTAssertGreaterThan(times, 0)
            XCTAssertLessThanOrEqual(times, 10, "one day's times, not three weeks'")
            XCTAssertGreaterThan(measured["dates"] as? Int ?? 0, 7, "the other dates are in the strip")
            XCTAssertLessThan(measured["height"] as? Int ?? .max, 3000, "a short page on a phone")
            XCTAssertEqual(measured["width"] as? Int, 390, "nothing wider than the phone")
            XCTAssertLessThan(measured["bytes"] as? Int ?? .max, 15000)
            try browser.saveScreenshot("picker-restaurant")
            try browser.navigate(to: "\(stack.site)/restaurants/jipbap/book/")
            try waitForAvailability(browser)
            let bookWidth = try browser.execute("return document.documentElement.scrollWidth") as? Int
            XCTAssertEqual(bookWidth, 390, "the booking page fits the phone (no cut-off choices)")
            XCTAssertEqual(try browser.findAll("select").count, 0)
            try browser.saveScreenshot("picker-booking")
        }
    }

    // MARK: - Helpers

    struct TimeChoice {
        var id: String
        var time: String
        var deposit: Int
    }

    /// Opens the booking page on the `day`-th bookable date (0 = the first), waits for the live
    /// seats, and returns that date. Tests use a date from the second on, so no slot of it has
    /// started whatever the hour.
    @discardableResult
    func openBookingPage(_ browser: WebDriver, _ stack: StackEndpoints, day: Int) throws -> String {
        try browser.navigate(to: "\(stack.site)/restaurants/jipbap/book/")
        try browser.waitForText("h1", containing: "예약")
        let days = try XCTUnwrap(browser.execute(
            "return Array.prototype.map.call(document.querySelectorAll('#date input'), function (i) { return i.value; })") as? [String])
        let date = days[day]
        try browser.chooseDate(date)
        try waitForAvailability(browser)
        return date
    }

    /// Waits until the time chips show the service's seats left.
    func waitForAvailability(_ browser: WebDriver) throws {
        try browser.waitUntil("the seats left on the time chips") {
            try browser.text(browser.find("#time-chips")).contains("남은")
        }
    }

    /// A time on `day` whose table seats `party` (`index` among them; -1 is the last).
    func slot(on day: String, seating party: Int, in browser: WebDriver, index: Int) throws -> TimeChoice {
        let all = try XCTUnwrap(browser.execute("""
            var day = arguments[0], party = arguments[1];
            return JSON.parse(document.getElementById('booking-data').textContent).slots
              .filter(function (s) { return s.day === day && s.maxParty >= party; })
              .map(function (s) { return [s.id, s.time, s.deposit]; });
            """, [day, party]) as? [[Any]])
        XCTAssertGreaterThanOrEqual(all.count, 2, "two times on \(day) seat \(party)")
        let chosen = all[index < 0 ? all.count + index : index]
        return TimeChoice(id: chosen[0] as? String ?? "", time: chosen[1] as? String ?? "", deposit: chosen[2] as? Int ?? 0)
    }

    /// The payment box with the widget for `amount`: the page's total, the widget's amount and
    /// the hold summary all say it (and the summary says it once: "· 예약금 N원").
    func waitForHold(_ browser: WebDriver, amount: Int, summary: String? = nil) throws {
        let expected = Self.won(amount)
        try browser.waitUntil("a hold of \(expected) in the widget") {
            guard try browser.isDisplayed(browser.find("#payment")) else { return false }
            return try browser.widgetAmount() == expected && browser.text(browser.find("#hold-summary")).contains(summary ?? expected)
        }
        // The payment box replaces the bar with the total; the total it would show is the same.
        XCTAssertEqual(try browser.execute("return document.getElementById('deposit-total').textContent") as? String, expected)
        let held = try browser.text(browser.find("#hold-summary"))
        XCTAssertTrue(held.hasSuffix("· 예약금 \(expected)"), held)
        XCTAssertEqual(held.components(separatedBy: "예약금").count, 2, "one 예약금 in \(held)")
    }

    func assertChoice(_ browser: WebDriver, party: Int, slot: String, _ viewport: WebDriver.Viewport,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        try browser.waitUntil("the booking page's time chips") { try !browser.findAll("#time-chips input").isEmpty }
        XCTAssertEqual(try browser.partySizeChosen(), party, "인원 is kept (\(viewport.rawValue))", file: file, line: line)
        XCTAssertEqual(try selectedSlot(browser), slot, "the time is kept (\(viewport.rawValue))", file: file, line: line)
    }

    /// Presses Tab until the focus is on an element matching `css` (at most 40 times), checking
    /// that every element the focus stops at shows a focus ring (a chip's ring is on its face).
    func tab(_ browser: WebDriver, to css: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<40 {
            try browser.press(WebDriver.Key.tab)
            let stop = try XCTUnwrap(browser.execute("""
                var e = document.activeElement; if (!e || e === document.body) return {at: 'body', ring: true};
                var face = e.matches('.chip input') ? e.nextElementSibling : e;
                var style = getComputedStyle(face);
                return {at: e.id || e.name || e.tagName, matches: e.matches(arguments[0]),
                        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
                """, [css]) as? [String: Any], file: file, line: line)
            XCTAssertEqual(stop["ring"] as? Bool, true, "a visible focus ring on \(stop["at"] ?? "?")", file: file, line: line)
            if stop["matches"] as? Bool == true { return }
        }
        XCTFail("Tab never reached \(css)", file: file, line: line)
        throw WebDriver.Timeout(description: "Tab never reached \(css)")
    }
}
