import BookingStore
import Foundation
import XCTest
import YeyakContent
@testable import BookingService

/// Each payment outcome becomes exactly one page, whose status is the one sent and printed.
final class ResultPageOutcomeTests: XCTestCase {
    func booking(_ state: BookingState, refund: Int? = nil) -> Booking {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        return Booking(orderId: "AHMqSY4GaDTO0lHt-7G-pEmY", slotId: "jipbap.window2.20270115.1800", restaurant: "jipbap",
                       tableId: "window2", startsAt: now.addingTimeInterval(86_400), orderName: "집밥 예약금", customerKey: "guest-1",
                       guestName: "김예약", phone: "01012345678", comment: "", partySize: 2, amount: 20_000, state: state,
                       createdAt: now, expiresAt: now.addingTimeInterval(900), updatedAt: now, refundAmount: refund)
    }

    func content() throws -> SiteContent {
        try ContentLoader.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content"))
    }

    func testEveryOutcomeHasItsOwnStatusTitleAndSentence() throws {
        let content = try content()
        let cases: [(PaymentOutcome, ResultPage.Outcome, Int, String)] = [
            (.paid(booking(.paid)), .paid, 200, "예약이 성공하였습니다"),
            (.checking(booking(.needsAttention)), .checking, 200, "결제를 확인하고 있습니다"),
            (.failed(booking(.failed)), .failed, 200, "예약에 실패했습니다"),
            (.cancelled(booking(.cancelled, refund: 20_000)), .cancelled, 200, "취소된 예약입니다"),
            (.notFound, .error, 404, "예약을 찾을 수 없습니다"),
            (.amountMismatch, .error, 403, "결제 금액이 예약과 다릅니다"),
        ]
        for (outcome, kind, status, title) in cases {
            let page = ResultPage.payment(outcome, content: content)
            XCTAssertEqual(page.outcome, kind, "\(outcome)")
            XCTAssertEqual(page.status, status, "\(outcome)")
            XCTAssertEqual(page.title, title)
            if case .paid = outcome { continue }
            XCTAssertFalse((page.message ?? "").isEmpty, "every page but success says in a sentence what happened: \(outcome)")
        }
        let cancelled = ResultPage.payment(.cancelled(booking(.cancelled, refund: 20_000)), content: content)
        XCTAssertEqual(cancelled.booking?.orderId, "AHMqSY4GaDTO0lHt-7G-pEmY")
        XCTAssertTrue(cancelled.message?.contains("20,000원") == true, cancelled.message ?? "")
        XCTAssertFalse(cancelled.offersManageLink, "nothing left to manage")
        XCTAssertTrue(ResultPage.payment(.paid(booking(.paid)), content: content).offersManageLink)
    }

    func testErrorPagesCarryTheirStatus() {
        XCTAssertEqual(ResultPage.badPaymentRequest.status, 400)
        XCTAssertEqual(ResultPage.pageNotFound.status, 404)
        XCTAssertEqual(ResultPage.internalError.status, 500)
        for page in [ResultPage.badPaymentRequest, .pageNotFound, .internalError] {
            XCTAssertEqual(page.outcome, .error)
            XCTAssertFalse((page.message ?? "").isEmpty)
        }
    }

    /// "Not charged" is said once, whatever the reason already says (the small break:
    /// "예약금은 청구되지 않았습니다" followed by "예약금은 결제되지 않았습니다").
    func testAFailureSaysOnceThatNothingWasCharged() throws {
        let content = try content()
        var cancelledInWindow = booking(.failed)
        cancelledInWindow.failureCode = "PAY_PROCESS_CANCELED"
        cancelledInWindow.failureMessage = FailureMessages.korean(for: "PAY_PROCESS_CANCELED")
        var declined = booking(.failed)
        declined.failureMessage = "카드사에서 결제를 거절했습니다"
        for failed in [cancelledInWindow, declined] {
            let message = ResultPage.payment(.failed(failed), content: content).message ?? ""
            let mentions = message.components(separatedBy: "청구되지 않았습니다").count - 1
                + message.components(separatedBy: "결제되지 않았습니다").count - 1
            XCTAssertEqual(mentions, 1, message)
        }
        XCTAssertEqual(ResultPage.payment(.failed(declined), content: content).message,
                       "카드사에서 결제를 거절했습니다. 예약금은 청구되지 않았습니다.")
    }

    func testResultFactsCarryTheCodeTheAddressAndACalendarEntry() throws {
        let content = try content()
        var paid = booking(.paid)
        paid.code = "K7QX2M9P"
        let facts = try XCTUnwrap(ResultPage.payment(.paid(paid), content: content).booking)
        XCTAssertEqual(facts.code, "K7QX-2M9P")
        XCTAssertEqual(facts.address, content.restaurant("jipbap")?.address)
        let event = try XCTUnwrap(facts.calendar)
        XCTAssertEqual(event.startsAt, paid.startsAt)
        XCTAssertTrue(event.description.contains("예약번호 K7QX-2M9P"), event.description)
        XCTAssertEqual(event.location, content.restaurant("jipbap")?.address)
    }
}
