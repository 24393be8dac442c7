import Foundation
import TestSupport
import XCTest

/// "Find your booking anywhere" (issue 17) in headless Chromium at a phone's 390x844 and a
/// desktop's 1280x900: the result page's code, calendar file and map link; the manage page after
/// a cancel and in a second browser that never made the booking; the 예약 조회 page from a fresh
/// profile, refusing a wrong pair. Screenshots of each step are saved (paths printed).
final class GuestLookupTests: BrowserTestCase {
    static let sizes: [(name: String, width: Int, height: Int)] = [("phone", 390, 844), ("desktop", 1280, 900)]

    /// A new browser (own profile: no guest key, no cache) at `size`, checked to have that width.
    func browser(_ driver: ChromeDriverProcess, _ size: (name: String, width: Int, height: Int)) throws -> WebDriver {
        let browser = try driver.newBrowser()
        try browser.resizeWindow(width: size.width, height: size.height)
        try browser.navigate(to: "about:blank")
        let width = try browser.execute("return window.innerWidth") as? Int ?? 0
        XCTAssertEqual(width, size.width, "the page is laid out at \(size.name) width")
        return browser
    }

    /// The first slot of jipbap with at least two seats left.
    func freeSlot(_ stack: StackEndpoints) throws -> String {
        let reply = try LoopbackHTTP.get("\(stack.service)/api/availability?restaurant=jipbap")
        let slots = reply.json["slots"] as? [[String: Any]] ?? []
        guard let slot = slots.first(where: { ($0["seatsLeft"] as? Int ?? 0) >= 2 })?["slotId"] as? String else {
            throw WebDriver.Timeout(description: "no free slot: \(reply.text.prefix(300))")
        }
        return slot
    }

    func displayed(_ browser: WebDriver, _ css: String) throws -> Bool {
        try browser.isDisplayed(browser.find(css))
    }

    /// Presses 예약 취소하기, reads the in-page question, confirms, and waits for the redrawn page.
    func cancelOnPage(_ browser: WebDriver, screenshot: String) throws {
        try browser.click(browser.find("#cancel-booking"))
        try browser.waitUntil("the cancel question") { try displayed(browser, "#cancel-confirm") }
        XCTAssertFalse(try displayed(browser, "#cancel-booking"), "the question replaces the button")
        try browser.saveScreenshot(screenshot + "-question")
        try browser.click(browser.find("#cancel-yes"))
        try browser.waitForText("#manage-status", containing: "예약이 취소되었습니다")
        try browser.waitForText("#fact-state", containing: "취소됨")
        XCTAssertFalse(try displayed(browser, "#cancel-booking"), "no cancel button for a cancelled booking")
        XCTAssertFalse(try displayed(browser, "#cancel-confirm"))
        XCTAssertFalse(try displayed(browser, "#refund-now"), "no stale '지금 취소하시면 ...원을 돌려드립니다'")
        XCTAssertFalse(try browser.bodyText().contains("지금 취소하시면"))
        try browser.saveScreenshot(screenshot + "-cancelled")
    }

    // MARK: - Result page, then the manage page after a cancel

    func testResultPageShowsTheCodeACalendarFileAndAMapLinkAndTheManagePageRedrawsAfterACancel() throws {
        try withDevStack { stack, driver in
            for size in Self.sizes {
                let browser = try browser(driver, size)
                let slot = try freeSlot(stack)
                try openBookingPage(browser, site: stack.site, slot: slot)
                let booking = try payAndApprove(browser, slot: slot)
                let stored = try XCTUnwrap(stack.database.booking(booking.orderId))
                let code = try browser.bookingCodeShown()
                XCTAssertEqual(code.count, 9)
                XCTAssertEqual(code.replacingOccurrences(of: "-", with: ""), stored["booking_code"] as? String)
                XCTAssertTrue(try browser.bodyText().contains("예약이 성공하였습니다"))

                let calendar = try browser.find("a[download$='.ics']")
                XCTAssertEqual(try browser.text(calendar), "캘린더에 추가")
                let href = try XCTUnwrap(browser.attribute(calendar, "href"))
                let prefix = "data:text/calendar;charset=utf-8,"
                XCTAssertTrue(href.hasPrefix(prefix), href)
                let ics = try XCTUnwrap(String(href.dropFirst(prefix.count)).removingPercentEncoding)
                XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.contains("\r\nBEGIN:VEVENT\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"), ics)
                XCTAssertTrue(ics.replacingOccurrences(of: "\r\n ", with: "").contains("예약번호 \(code)"), ics)
                XCTAssertNotNil(ics.range(of: #"\r\nDTSTART:\d{8}T\d{6}Z\r\n"#, options: .regularExpression), ics)

                let map = try browser.find("a[href^='https://map.kakao.com/link/search/']")
                let mapHref = try XCTUnwrap(browser.attribute(map, "href"))
                XCTAssertEqual(mapHref.removingPercentEncoding, "https://map.kakao.com/link/search/서울특별시 마포구 월드컵북로4길 21, 1층")
                try browser.saveScreenshot("lookup-result-\(size.name)")

                try browser.click(browser.find(".actions a.button[href*='/booking/#']"))
                try browser.waitForText("#fact-code", containing: code)
                try browser.waitForText("#refund-now", containing: "지금 취소하시면")
                XCTAssertTrue(try displayed(browser, "#cancel-booking"))
                XCTAssertFalse(try displayed(browser, "#lookup-form"), "this browser holds the key: no lookup form")
                try browser.saveScreenshot("lookup-manage-\(size.name)")
                try cancelOnPage(browser, screenshot: "lookup-manage-\(size.name)")
                let state = try stack.database.booking(booking.orderId)?["state"] as? String
                XCTAssertEqual(state, "CANCELLED")
            }
        }
    }

    // MARK: - The manage link in a browser that did not book

    func testTheManagePageInASecondBrowserOffersTheLookupInsteadOfEmptyFields() throws {
        try withDevStack { stack, driver in
            let booker = try driver.newBrowser()
            let slot = try freeSlot(stack)
            try openBookingPage(booker, site: stack.site, slot: slot)
            _ = try payAndApprove(booker, slot: slot)
            let code = try booker.bookingCodeShown()
            let manageURL = try XCTUnwrap(booker.attribute(booker.find(".actions a.button[href*='/booking/#']"), "href"))

            for size in Self.sizes {
                let other = try browser(driver, size)  // KakaoTalk's in-app browser, another phone
                try other.navigate(to: manageURL)
                try other.waitUntil("the lookup form") { try displayed(other, "#lookup-form") }
                XCTAssertTrue(try other.text(other.find("#manage-status")).contains("이 브라우저에는"))
                XCTAssertFalse(try displayed(other, "#manage-facts"), "no empty 예약번호/식당/일시")
                XCTAssertFalse(try displayed(other, "#cancel-booking"), "no button that does nothing")
                try other.saveScreenshot("lookup-second-browser-\(size.name)")

                try other.sendKeys(other.find("#lookup-code"), code)
                try other.sendKeys(other.find("#lookup-phone"), "010-1234-5678")
                try other.click(other.find("#lookup-button"))
                try other.waitForText("#fact-code", containing: code)
                XCTAssertTrue(try displayed(other, "#cancel-booking"))
                XCTAssertFalse(try displayed(other, "#lookup-section"), "the form gives way to the booking")
                try other.saveScreenshot("lookup-second-browser-found-\(size.name)")
            }
        }
    }

    // MARK: - 예약 조회 from a fresh profile

    func testTheLookupPageFindsABookingByCodeAndPhoneRefusesAWrongPairAndCancels() throws {
        try withDevStack { stack, driver in
            for size in Self.sizes {
                let paid = try ServiceResultPages.paidBooking(stack)
                let browser = try browser(driver, size)
                try browser.navigate(to: stack.site + "/")
                try browser.waitForText("h1", containing: "예약")
                try browser.click(browser.find(".site-footer a[href*='lookup/']"))
                try browser.waitForURL(containing: "/lookup/")
                try browser.waitUntil("the lookup form") { try displayed(browser, "#lookup-form") }
                try browser.saveScreenshot("lookup-page-\(size.name)")

                // A wrong phone number for a real code, then an unknown code: the same refusal.
                let codeField = try browser.find("#lookup-code"), phoneField = try browser.find("#lookup-phone")
                try browser.sendKeys(codeField, paid.code.lowercased())
                try browser.sendKeys(phoneField, "010-9999-0000")
                try browser.click(browser.find("#lookup-button"))
                let wrongPair = try browser.waitForText("#lookup-error", containing: "맞는 예약이 없습니다")
                XCTAssertFalse(try displayed(browser, "#manage-facts"))
                XCTAssertFalse(try displayed(browser, "#cancel-booking"))
                try browser.saveScreenshot("lookup-page-wrong-pair-\(size.name)")
                try browser.clear(codeField)
                try browser.sendKeys(codeField, paid.code == "22222222" ? "33333333" : "22222222")
                try browser.click(browser.find("#lookup-button"))
                try browser.waitUntil("the answer to an unknown code") { try browser.attribute(browser.find("#lookup-button"), "disabled") == nil }
                let unknown = try browser.waitForText("#lookup-error", containing: "맞는 예약이 없습니다")
                XCTAssertEqual(unknown, wrongPair, "an unknown code reads exactly like a wrong pair")

                // A typing slip is caught on the page, in Korean, next to the field.
                try browser.clear(codeField)
                try browser.sendKeys(codeField, "K7QX-2M9O")
                try browser.click(browser.find("#lookup-button"))
                try browser.waitForText("#lookup-code-error", containing: "8자리")
                XCTAssertEqual(try browser.attribute(codeField, "aria-invalid"), "true")

                try browser.clear(codeField)
                try browser.sendKeys(codeField, String(paid.code.prefix(4)).lowercased() + " " + String(paid.code.suffix(4)))
                try browser.clear(phoneField)
                try browser.sendKeys(phoneField, "01022223333")
                try browser.click(browser.find("#lookup-button"))
                try browser.waitForText("#fact-code", containing: paid.code.prefix(4) + "-" + paid.code.suffix(4))
                XCTAssertFalse(try displayed(browser, "#lookup-error"))
                XCTAssertFalse(try displayed(browser, "#lookup-code-error"))
                try browser.waitForText("#refund-now", containing: "지금 취소하시면")
                try browser.saveScreenshot("lookup-page-found-\(size.name)")
                try cancelOnPage(browser, screenshot: "lookup-page-\(size.name)")
                let state = try stack.database.booking(paid.orderId)?["state"] as? String
                XCTAssertEqual(state, "CANCELLED", "cancelled through the lookup")
            }
        }
    }
}
