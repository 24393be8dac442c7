import Foundation
import TestSupport
import XCTest

/// A guest in headless Chromium books through `yeyak dev` (pages, service and Toss sandbox as a
/// new user runs them): pays, is declined, cancels, reloads, mistypes. Each test ends with a
/// screenshot of its last page (path printed).
final class BookingFlowTests: BrowserTestCase {
    /// Flow 1: list -> restaurant -> slot -> party of 2 -> hold -> widget -> window -> approve.
    func testGuestBooksFromTheListAndPaysTheDeposit() throws {
        try withDevStack { stack, driver in
            let browser = try driver.newBrowser()
            let slot = try openFirstSlotFromTheList(browser, site: stack.site)
            let seatsBefore = try browser.seatsLeftShown()
            let deposit = try depositShown(browser, slot: slot)
            try browser.choosePartySize(2)
            let total = try browser.text(browser.find("#deposit-total"))
            XCTAssertEqual(total, Self.won(2 * deposit), "the page shows the total for two before the hold")

            let booking = try payAndApprove(browser, slot: slot)
            let page = try browser.bodyText()
            XCTAssertTrue(page.contains("주문번호 \(booking.orderId)"), page)
            let code = try browser.bookingCodeShown()
            XCTAssertEqual(code.replacingOccurrences(of: "-", with: ""), try stack.database.booking(booking.orderId)?["booking_code"] as? String,
                           "the code shown is the booking's")
            XCTAssertTrue(page.contains(Self.won(2 * deposit)), "the result shows the deposit paid: \(page)")
            XCTAssertFalse(booking.orderId.isEmpty)
            try assertPaidInDatabase(stack, booking)
            let slotRow = try XCTUnwrap(stack.database.slot(slot))
            XCTAssertEqual(slotRow["deposit_per_person"] as? Int, deposit, "the page's deposit is the service's")
            let seatsAfter = try stack.seatsLeft(restaurant: "jipbap", slot: slot)
            XCTAssertEqual(seatsAfter, seatsBefore - 2, "the paid booking keeps its two seats")
            try browser.saveScreenshot("flow1-paid")
        }
    }

    /// Flow 2: the card is declined -> failure page with the reason; the seats come back.
    func testDeclinedPaymentShowsTheReasonAndFreesTheSeats() throws {
        try failedPayment(button: "decline", reason: "카드사에서 결제를 거절했습니다", screenshot: "flow2-declined")
    }

    /// Flow 3: the guest closes the payment window with "cancel" -> failure page; seats free.
    func testCancelledPaymentWindowShowsFailureAndFreesTheSeats() throws {
        try failedPayment(button: "cancel", reason: "결제를 취소하셨습니다", screenshot: "flow3-cancelled")
    }

    /// Flow 5: reloading the success page shows the same booking and never confirms twice.
    func testReloadingTheSuccessPageConfirmsOnlyOnce() throws {
        try withDevStack { stack, driver in
            let browser = try driver.newBrowser()
            let (slot, _) = try firstSlot(stack)
            try openBookingPage(browser, site: stack.site, slot: slot)
            let booking = try payAndApprove(browser, slot: slot)
            let successURL = try browser.currentURL()
            XCTAssertTrue(successURL.contains("/restaurant/confirm/success/?"), successURL)

            for _ in 0..<2 {
                try browser.refresh()
                try browser.waitForText("h1", containing: "예약이 성공하였습니다")
                let reloadedURL = try browser.currentURL()
                XCTAssertEqual(reloadedURL, successURL)
                let shown = try browser.bookingNumberShown()
                XCTAssertEqual(shown, booking.orderId, "the same booking number after a reload")
            }
            let log = try stack.confirmLog(orderId: booking.orderId)
            XCTAssertEqual(log["confirmCalls"] as? Int, 1, "one confirm call at Toss: \(log)")
            XCTAssertEqual(log["appliedConfirms"] as? Int, 1, "\(log)")
            try assertPaidInDatabase(stack, booking)
            try browser.saveScreenshot("flow5-reloaded")
        }
    }

    /// Flow 6: an empty name and a malformed phone are refused on the page, in Korean, under
    /// their fields, and nothing is sent to the service.
    func testFormRefusesEmptyNameAndMalformedPhoneWithoutARequest() throws {
        try withDevStack { stack, driver in
            let browser = try driver.newBrowser()
            let (slot, _) = try firstSlot(stack)
            try openBookingPage(browser, site: stack.site, slot: slot)
            _ = try browser.seatsLeftShown()
            try browser.fillBookingForm(partySize: 2, name: "", phone: "010-12-34")
            try browser.submitBookingForm()

            let nameError = try browser.waitForText("#name-error", containing: "예약자 이름을 입력해 주세요.")
            XCTAssertEqual(nameError, "예약자 이름을 입력해 주세요.")
            let phoneError = try browser.text(browser.find("#phone-error"))
            XCTAssertEqual(phoneError, "연락처는 010-1234-5678 또는 02-123-4567 형식으로 입력해 주세요.")
            for field in ["name", "phone"] {
                let input = try browser.find("#\(field)")
                let invalid = try browser.attribute(input, "aria-invalid")
                XCTAssertEqual(invalid, "true", field)
                let describedBy = try browser.attribute(input, "aria-describedby") ?? ""
                XCTAssertTrue(describedBy.split(separator: " ").contains("\(field)-error"[...]), "\(field): \(describedBy)")
                let besideField = try browser.execute(
                    "var e = document.getElementById(arguments[0] + '-error'); var i = document.getElementById(arguments[0]);"
                        + " return e.parentElement === i.parentElement && e.offsetParent !== null"
                        + " && e.getBoundingClientRect().top >= i.getBoundingClientRect().bottom - 1"
                        + " && e.getBoundingClientRect().top - i.getBoundingClientRect().bottom < 80;", [field]) as? Bool
                XCTAssertEqual(besideField, true, "the \(field) message is shown right under its field")
            }
            let focused = try browser.execute("return document.activeElement && document.activeElement.id") as? String
            XCTAssertEqual(focused, "name", "the first refused field gets the focus")
            let sent = try browser.execute(
                "return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/api/reservations') >= 0; }).length"
            ) as? Int
            XCTAssertEqual(sent, 0, "no hold request left the page")
            let paymentShown = try browser.isDisplayed(browser.find("#payment"))
            XCTAssertFalse(paymentShown)
            XCTAssertEqual(try stack.database.bookingCount(), 0)

            // Negative control: the same page with good values does send the hold.
            try browser.fillBookingForm(partySize: 2, name: "김예약", phone: "02-123-4567")
            try browser.submitBookingForm()
            try browser.waitForPaymentWidget()
            XCTAssertEqual(try stack.database.bookingCount(), 1)
            try browser.navigate(to: "\(stack.site)/restaurants/jipbap/book/?slot=\(slot)")
            try browser.fillBookingForm(partySize: 2, name: "  ", phone: "1234")
            try browser.submitBookingForm()
            try browser.waitForText("#phone-error", containing: "형식으로 입력해 주세요")
            try browser.saveScreenshot("flow6-validation")
        }
    }

    // MARK: - Helpers

    /// Flows 2 and 3: hold, open the window, press `button`; the failure page names `reason`,
    /// the booking is FAILED and a new visitor's booking page counts the seats as free.
    private func failedPayment(button: String, reason: String, screenshot: String) throws {
        try withDevStack { stack, driver in
            let browser = try driver.newBrowser()
            let (slot, capacity) = try firstSlot(stack)
            try openBookingPage(browser, site: stack.site, slot: slot)
            let shownBefore = try browser.seatsLeftShown()
            XCTAssertEqual(shownBefore, capacity)
            try holdAndOpenPaymentWindow(browser)
            let whileHeld = try stack.seatsLeft(restaurant: "jipbap", slot: slot)
            XCTAssertEqual(whileHeld, capacity - 2, "the hold takes two seats while the window is open")

            try browser.choose(button)
            try browser.waitForText("h1", containing: "예약에 실패했습니다")
            let message = try browser.text(browser.find(".result .message-error"))
            XCTAssertTrue(message.contains(reason), message)
            let page = try browser.bodyText()
            XCTAssertEqual(page.components(separatedBy: "청구되지 않았습니다").count - 1, 1, "'not charged' said once: \(page)")
            XCTAssertFalse(page.contains("결제되지 않았습니다"), page)
            XCTAssertFalse(page.contains("예약이 성공하였습니다"))
            try browser.saveScreenshot(screenshot)

            let rows = try stack.database.rows("SELECT state, paid_at FROM bookings")
            XCTAssertEqual(rows.count, 1)
            XCTAssertEqual(rows.first?["state"] as? String, "FAILED", "\(rows)")
            XCTAssertTrue(rows.first?["paid_at"] is NSNull || rows.first?["paid_at"] == nil, "\(rows)")
            let afterwards = try stack.seatsLeft(restaurant: "jipbap", slot: slot)
            XCTAssertEqual(afterwards, capacity, "the seats are free again")

            // The page's "다시 예약하기" leads back to the booking page. A new visitor (empty
            // cache: the availability answer may be cached for a few seconds) sees all seats.
            try browser.click(browser.find(".result a.button"))
            try browser.waitForURL(containing: "/book/")
            let visitor = try driver.newBrowser()
            try openBookingPage(visitor, site: stack.site, slot: slot)
            let shownAfter = try visitor.seatsLeftShown()
            XCTAssertEqual(shownAfter, capacity, "the booking page counts the seats as free")
            try visitor.saveScreenshot(screenshot + "-seats-free")

            // The restaurant page says so too, in the first guest's own browser.
            try browser.navigate(to: "\(stack.site)/restaurants/jipbap/")
            let shownOnRestaurantPage = try browser.waitForText("a[data-slot-id='\(slot)'] .slot-left", containing: "남은 좌석 \(capacity)석")
            XCTAssertEqual(shownOnRestaurantPage, "남은 좌석 \(capacity)석")
        }
    }
}
