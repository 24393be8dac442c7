import Foundation
import TestSupport
import XCTest
import YeyakContent
@testable import BookingService

/// The service's result pages rendered from the repository's `site-templates/`.
final class TemplateResultPagesTests: XCTestCase {
    func pages() throws -> TemplateResultPages {
        let root = SharedFolder.projectRoot
        let content = try ContentLoader.load(from: root.appendingPathComponent("content"))
        return try TemplateResultPages(templatesFolder: root.appendingPathComponent("site-templates"), site: content.site)
    }

    func testPaidFailedAndCheckingPagesSayWhatHappenedInKorean() throws {
        var page = ResultPage(outcome: .paid, title: "예약이 성공하였습니다")
        page.orderId = "AHMqSY4GaDTO0lHt-7G-pEmY"
        page.restaurantName = "맛있는 집밥 <b>"
        page.restaurantSlug = "jipbap"
        page.when = "12월 24일 (목) 오후 6:00"
        page.partySize = 2
        page.amount = "20,000원"
        page.receiptURL = "https://receipt.example/r?a=1&b=\"2\""
        page.manageURL = "http://127.0.0.1:8080/booking/#AHMqSY4GaDTO0lHt-7G-pEmY"
        let paid = try pages().render(page)
        XCTAssertTrue(paid.contains("lang=\"ko\""))
        XCTAssertTrue(paid.contains("예약이 성공하였습니다"))
        XCTAssertTrue(paid.contains("예약번호"))
        XCTAssertTrue(paid.contains("AHMqSY4GaDTO0lHt-7G-pEmY"))
        XCTAssertTrue(paid.contains("20,000원"))
        XCTAssertTrue(paid.contains("맛있는 집밥 &lt;b&gt;"), "content is escaped")
        XCTAssertFalse(paid.contains("\"2\"\""), "attribute values are escaped")

        page.outcome = .failed
        page.title = "예약에 실패했습니다"
        page.reason = "카드사에서 결제를 거절했습니다."
        let failed = try pages().render(page)
        XCTAssertTrue(failed.contains("예약에 실패했습니다"))
        XCTAssertTrue(failed.contains("카드사에서 결제를 거절했습니다."))

        page.outcome = .checking
        page.title = "결제를 확인하고 있습니다"
        let checking = try pages().render(page)
        XCTAssertTrue(checking.contains("결제를 확인하고 있습니다"))
        XCTAssertTrue(checking.contains("AHMqSY4GaDTO0lHt-7G-pEmY"))
    }

    func testErrorPagesUseTheSiteLayout() throws {
        var page = ResultPage(outcome: .error, title: "결제 금액이 예약과 다릅니다")
        page.reason = "예약금은 청구되지 않았습니다."
        let html = try pages().render(page)
        XCTAssertTrue(html.contains("결제 금액이 예약과 다릅니다"))
        XCTAssertTrue(html.contains("예약금은 청구되지 않았습니다."))
        XCTAssertTrue(html.contains("lang=\"ko\""))
    }
}
