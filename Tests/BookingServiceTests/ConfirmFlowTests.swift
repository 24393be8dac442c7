import BookingStore
import Foundation
import TossSandbox
import XCTest
@testable import BookingService

/// The success and fail redirects against the Toss sandbox over real HTTP.
final class ConfirmFlowTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func testHappyPathWithThreeGuestsPaysThreeDepositsOnce() async throws {
        let hold = try await harness.hold(partySize: 3)
        XCTAssertEqual(hold.amount, 3 * PaymentHarness.deposit, "the amount comes from content, not the page")
        let (url, paymentKey) = try harness.pay(hold)
        XCTAssertTrue(url.query!.contains("paymentType=NORMAL"))
        let page = await harness.visit(url)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), page.html)
        XCTAssertTrue(page.html.contains(hold.orderId), "the page shows the booking number")
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
        XCTAssertNotNil(booking.paidAt)
        XCTAssertEqual(booking.paymentKey, paymentKey)
        XCTAssertEqual(booking.amount, 30_000)
        XCTAssertEqual(booking.method, "카드")
        XCTAssertNotNil(booking.receiptURL)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.applied, 1)
        let status = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(status, "DONE")
    }

    func testReloadingTheSuccessPageShowsTheSameResultWithoutAnotherConfirm() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        let first = await harness.visit(url)
        let second = await harness.visit(url)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.html, second.html)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.calls, 1, "a reload must not call confirm again")
    }

    func testTwentyConcurrentSuccessRedirectsConfirmExactlyOnce() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        let harness = self.harness!
        let pages = await withTaskGroup(of: (Int, String).self) { group in
            for _ in 0..<20 { group.addTask { await harness.visit(url) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(pages.count, 20)
        for page in pages {
            XCTAssertEqual(page.0, 200)
            XCTAssertTrue(page.1.contains("예약이 성공하였습니다"), "every tab ends on the success page")
        }
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.calls, 1)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
    }

    func testTamperedAmountIsRefusedBeforeTossIsCalled() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        let tampered = URL(string: url.absoluteString.replacingOccurrences(of: "amount=\(hold.amount)", with: "amount=100"))!
        XCTAssertNotEqual(tampered, url)
        let page = await harness.visit(tampered)
        XCTAssertEqual(page.status, 403)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .ready, "nothing changes")
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.calls, 0, "Toss is never called with a tampered amount")
        // The genuine redirect still works afterwards.
        let genuine = await harness.visit(url)
        XCTAssertTrue(genuine.html.contains("예약이 성공하였습니다"))
    }

    func testUnknownOrderIs404AndMalformedRedirectIs400() async throws {
        let unknown = await harness.visit(URL(string: "http://x/restaurant/confirm/success/?paymentKey=pk&orderId=AAAAAAAAAAAAAAAAAAAAAAAA&amount=100")!)
        XCTAssertEqual(unknown.status, 404)
        let signed = await harness.visit(URL(string: "http://x/restaurant/confirm/success/?paymentKey=pk&orderId=AAAAAAAAAAAAAAAAAAAAAAAA&amount=+100")!)
        XCTAssertEqual(signed.status, 400)
    }

    func testDeclinedCardAndBuyerCancelReleaseTheSeats() async throws {
        for (choice, code) in [(TossSandbox.WindowChoice.decline, "REJECT_CARD_COMPANY"), (.cancel, "PAY_PROCESS_CANCELED")] {
            let before = try await harness.seatsLeft()
            let hold = try await harness.hold(partySize: 2)
            let afterHold = try await harness.seatsLeft()
            XCTAssertEqual(afterHold, before - 2)
            let (url, _) = try harness.pay(hold, choice: choice)
            XCTAssertTrue(url.absoluteString.contains("/restaurant/confirm/failed/?"), url.absoluteString)
            XCTAssertTrue(url.query!.contains("code=\(code)"), url.absoluteString)
            let page = await harness.visit(url)
            XCTAssertTrue(page.html.contains("예약에 실패했습니다"), page.html)
            XCTAssertTrue(page.html.contains(FailureMessages.korean(for: code)), page.html)
            let booking = try await harness.booking(hold.orderId)
            XCTAssertEqual(booking.state, .failed)
            XCTAssertEqual(booking.failureCode, code)
            let seats = try await harness.seatsLeft()
            XCTAssertEqual(seats, before, "the seats are free again")
        }
    }

    /// An unknown code gets the one generic sentence: the query's text is never shown.
    func testFailRedirectNeverShowsTheQueryMessageAndIgnoresForeignOrders() async throws {
        let page = await harness.visit(URL(string: "http://x/restaurant/confirm/failed/?code=WEIRD&message=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20call%20010-1234-5678&orderId=AAAAAAAAAAAAAAAAAAAAAAAA")!)
        XCTAssertEqual(page.status, 200)
        XCTAssertFalse(page.html.contains("alert(1)"))
        XCTAssertFalse(page.html.contains("010-1234-5678"))
        XCTAssertTrue(page.html.contains(FailureMessages.generic), page.html)
        // A fail redirect cannot undo a paid booking.
        let hold = try await harness.hold(partySize: 1)
        _ = await harness.visit(try harness.pay(hold).url)
        _ = await harness.visit(URL(string: "http://x/restaurant/confirm/failed/?code=PAY_PROCESS_CANCELED&message=x&orderId=\(hold.orderId)")!)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
    }
}
