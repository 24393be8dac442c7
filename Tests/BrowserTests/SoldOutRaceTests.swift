import Foundation
import TestSupport
import XCTest

/// Flow 4: two guests in two browsers press "book" for the last two seats of a slot at the same
/// moment. One holds them and pays; the other is told on the booking page that the time is sold
/// out, and is never sent to Toss.
final class SoldOutRaceTests: BrowserTestCase {
    func testTwoBrowsersRaceForTheLastSeatsOnePaysTheOtherSeesSoldOut() throws {
        try withDevStack { stack, driver in
            let (slot, capacity) = try firstSlot(stack)
            let maxParty = try XCTUnwrap(stack.database.slot(slot)?["max_party_size"] as? Int)
            var others = 0
            while try stack.seatsLeft(restaurant: "jipbap", slot: slot) > 2 {
                let left = try stack.seatsLeft(restaurant: "jipbap", slot: slot)
                let reply = try stack.hold(slot: slot, partySize: min(maxParty, left - 2), guest: "other\(others)")
                XCTAssertEqual(reply.status, 201, reply.text)
                others += 1
                guard others <= capacity else { return XCTFail("could not fill the slot: \(reply.text)") }
            }
            XCTAssertEqual(try stack.seatsLeft(restaurant: "jipbap", slot: slot), 2)

            let first = try driver.newBrowser(), second = try driver.newBrowser()
            for (browser, name) in [(first, "김첫째"), (second, "이둘째")] {
                try openBookingPage(browser, site: stack.site, slot: slot)
                XCTAssertEqual(try browser.seatsLeftShown(), 2, "both guests see the last two seats")
                try browser.fillBookingForm(partySize: 2, name: name, phone: "010-1234-5678")
            }
            // Both press the button; neither waits for the other's answer.
            try first.submitBookingForm()
            try second.submitBookingForm()

            var outcomes: [String] = []
            for browser in [first, second] {
                try browser.waitUntil("a hold or a sold-out message") {
                    try outcome(browser) != nil
                }
                outcomes.append(try outcome(browser) ?? "")
            }
            XCTAssertEqual(outcomes.sorted(), ["held", "soldOut"], "exactly one guest gets the seats")
            guard let winnerIndex = outcomes.firstIndex(of: "held"), let loserIndex = outcomes.firstIndex(of: "soldOut") else { return }
            let winner = [first, second][winnerIndex], loser = [first, second][loserIndex]

            let message = try loser.text(loser.find("#form-message"))
            XCTAssertTrue(message.contains("남은 좌석이 부족합니다."), message)
            XCTAssertTrue(message.contains("이 시간은 마감되었습니다"), message)
            XCTAssertEqual(try loser.text(loser.find("#slot-seats")), "이 시간은 마감되었습니다.")
            XCTAssertFalse(try loser.isDisplayed(loser.find("#payment")), "no payment widget for the guest without seats")
            XCTAssertTrue(try loser.currentURL().contains("/restaurants/jipbap/book/"), "the loser stays on the booking page")

            try winner.openPaymentWindow()
            try winner.choose("approve")
            try winner.waitForText("h1", containing: "예약이 성공하였습니다")
            let orderId = try winner.bookingNumberShown()
            XCTAssertEqual(try stack.database.booking(orderId)?["state"] as? String, "PAID")
            XCTAssertEqual(try stack.seatsLeft(restaurant: "jipbap", slot: slot), 0)

            // Toss saw one payment only: the loser never reached requestPayment.
            let payments = try LoopbackHTTP.get("\(stack.sandbox)/__sandbox/payments")
            let list = payments.json["payments"] as? [[String: Any]] ?? []
            XCTAssertEqual(list.count, 1, payments.text)
            XCTAssertEqual(list.first?["orderId"] as? String, orderId, payments.text)
            XCTAssertFalse(try loser.currentURL().contains("/payment-window/"))
            try winner.saveScreenshot("flow4-race-winner")
            try loser.saveScreenshot("flow4-race-sold-out")
        }
    }

    /// "held" once the widget is shown, "soldOut" once the page says so, nil while waiting.
    private func outcome(_ browser: WebDriver) throws -> String? {
        let message = try browser.find("#form-message")
        if try browser.isDisplayed(message), try browser.text(message).contains("남은 좌석이 부족합니다") { return "soldOut" }
        if try browser.isDisplayed(browser.find("#payment")) { return "held" }
        return nil
    }
}
