import BookingService
import Foundation
import ServicePages
import TestSupport
import XCTest
import YeyakContent

/// The pages the service shows after the Toss redirect, from the repository's `site-templates/`;
/// the browser tests look for these texts.
final class TemplateResultPagesTests: XCTestCase {
    static let templates = SharedFolder.projectRoot.appendingPathComponent("site-templates")
    static let site = Site(title: "예약 Yeyak", baseURL: URL(string: "https://yeyak.example")!, serviceURL: URL(string: "https://api.yeyak.example")!,
                           timeZone: TimeZone(identifier: "Asia/Seoul")!, tossClientKey: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
                           tossSDKURL: URL(string: "https://js.tosspayments.com/v2/standard")!)

    func pages() throws -> TemplateResultPages {
        try TemplateResultPages(templatesFolder: Self.templates, site: Self.site)
    }

    func page(_ outcome: ResultPage.Outcome, title: String, message: String? = nil) -> ResultPage {
        ResultPage(outcome: outcome, title: title, message: message, booking: BookingFacts(
            orderId: "ord_4fQm9xZ2pL7sT1vK8wYb3n", restaurantName: "맛있는 <집밥>", restaurantSlug: "jipbap",
            when: "12월 24일 (목) 오후 6:00", tableName: "창가 2인석", partySize: 2, amount: "20,000원",
            receiptURL: "https://receipt.example/r?a=1&b=\"2\"", refundPolicy: "방문 24시간 전까지 취소하시면 예약금 전액을 돌려드립니다.",
            code: "K7QX-2M9P", address: "서울특별시 마포구 월드컵북로4길 21, 1층",
            calendar: BookingCalendar.Event(uid: "ord_4fQm9xZ2pL7sT1vK8wYb3n@yeyak", startsAt: Date(timeIntervalSince1970: 1_798_102_800),
                                            stampedAt: Date(timeIntervalSince1970: 1_798_000_000), summary: "맛있는 <집밥> 예약 2명",
                                            location: "서울특별시 마포구 월드컵북로4길 21, 1층", description: "예약번호 K7QX-2M9P")))
    }

    func testPaidShowsTheBookingNumberAndSuccess() throws {
        let html = try pages().render(page(.paid, title: "예약이 성공하였습니다"))
        XCTAssertTrue(html.contains("예약이 성공하였습니다"))
        XCTAssertTrue(html.contains("예약번호 <strong>K7QX-2M9P</strong>"), "the code a person reads out")
        XCTAssertTrue(html.contains("주문번호 <strong>ord_4fQm9xZ2pL7sT1vK8wYb3n</strong>"), "and Toss's order number")
        for expected in ["맛있는 &lt;집밥&gt;", "12월 24일 (목) 오후 6:00", "창가 2인석", "2명", "20,000원",
                         "href=\"https://receipt.example/r?a=1&amp;b=&quot;2&quot;\"", "방문 24시간 전까지", "예약 확인 · 취소",
                         "href=\"https://yeyak.example/booking/#ord_4fQm9xZ2pL7sT1vK8wYb3n\"",
                         "href=\"https://yeyak.example/assets/site.css\"", "href=\"https://yeyak.example/restaurants/jipbap/\"",
                         "<html lang=\"ko\">", "href=\"https://yeyak.example/lookup/\"",
                         // The map link, the address percent-encoded as UTF-8.
                         "href=\"https://map.kakao.com/link/search/%EC%84%9C%EC%9A%B8%ED%8A%B9%EB%B3%84%EC%8B%9C%20%EB%A7%88%ED%8F%AC%EA%B5%AC",
                         "캘린더에 추가", "download=\"yeyak-K7QX-2M9P.ics\"", "href=\"data:text/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0A"] {
            XCTAssertTrue(html.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(html.contains("예약에 실패했습니다"))
    }

    func testFailedShowsTheReasonEscapedAndNoBookingNumber() throws {
        let html = try pages().render(page(.failed, title: "예약에 실패했습니다", message: "카드사에서 결제를 거절했습니다. <b>"))
        XCTAssertTrue(html.contains("예약에 실패했습니다"))
        XCTAssertTrue(html.contains("카드사에서 결제를 거절했습니다. &lt;b&gt;"))
        XCTAssertFalse(html.contains("예약번호"), "a failed booking has no code to keep")
        XCTAssertFalse(html.contains("캘린더에 추가"))
        XCTAssertFalse(html.contains("예약이 성공하였습니다"))
        XCTAssertFalse(html.contains("예약 확인 · 취소"), "a failed booking has nothing to manage")
        XCTAssertTrue(html.contains("href=\"https://yeyak.example/restaurants/jipbap/book/\""))
    }

    func testBookingAgainAfterADeclineReturnsToTheSameTimeAndPartySize() throws {
        var failed = page(.failed, title: "예약에 실패했습니다", message: "카드사에서 결제를 거절했습니다.")
        failed.booking?.slotId = "jipbap.window2.20261224.1800"
        let html = try pages().render(failed)
        XCTAssertTrue(html.contains("<a class=\"button\" href=\"https://yeyak.example/restaurants/jipbap/book/?party=2&amp;slot=jipbap.window2.20261224.1800\">다시 예약하기</a>"), html)
    }

    func testCheckingShowsTheBookingNumberAndThatPaymentIsBeingChecked() throws {
        let html = try pages().render(page(.checking, title: "결제를 확인하고 있습니다"))
        XCTAssertTrue(html.contains("결제를 확인하고 있습니다"))
        XCTAssertTrue(html.contains("예약번호 <strong>K7QX-2M9P</strong>"))
        XCTAssertFalse(html.contains("예약이 성공하였습니다"))
        XCTAssertFalse(html.contains("예약에 실패했습니다"))
    }

    func testACancelledBookingSaysSoWithItsNumberAndNoErrorCode() throws {
        let html = try pages().render(page(.cancelled, title: "취소된 예약입니다", message: "이 예약은 취소되었습니다."))
        XCTAssertTrue(html.contains("<h1>취소된 예약입니다</h1>"))
        XCTAssertTrue(html.contains("예약번호 <strong>K7QX-2M9P</strong>"))
        XCTAssertFalse(html.contains("캘린더에 추가"), "no calendar entry for a cancelled booking")
        XCTAssertTrue(html.contains("이 예약은 취소되었습니다."))
        XCTAssertFalse(html.contains("오류 "), "a cancelled booking is no error: \(html)")
        XCTAssertFalse(html.contains("예약이 성공하였습니다"))
    }

    /// Error pages read as a person would: the Korean title and sentence, no "오류 400".
    func testErrorPagesSayWhatHappenedInKoreanWithoutAStatusCodeAndEscapeTheirMessage() throws {
        for status in [400, 403, 404, 500] {
            let html = try pages().render(ResultPage(outcome: .error, status: status, title: "예약을 찾을 수 없습니다",
                                                     message: "<script>x</script>"))
            XCTAssertTrue(html.contains("<h1>예약을 찾을 수 없습니다</h1>"))
            XCTAssertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"))
            XCTAssertFalse(html.contains("오류 \(status)"), "no bare status code for a guest to read")
            XCTAssertFalse(html.contains("\(status)"), "status \(status) is sent, not printed")
            XCTAssertTrue(html.contains("lang=\"ko\""))
        }
    }

    func testAFailureWithoutABookingOfOursShowsNoErrorCode() throws {
        let html = try pages().render(ResultPage(outcome: .failed, title: "예약에 실패했습니다", message: "결제를 취소하셨습니다."))
        XCTAssertTrue(html.contains("결제를 취소하셨습니다."))
        XCTAssertFalse(html.contains("오류 "), html)
    }

    func testABrokenTemplateFolderIsReportedWithFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yeyak-broken-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.templates, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<p>\n  {{#result}}\n".write(to: folder.appendingPathComponent("result.mustache"), atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try pages(), "the good folder still works")
        XCTAssertThrowsError(try TemplateResultPages.loader(templatesFolder: folder)(Self.site)) { error in
            XCTAssertTrue("\(error)".contains("result.mustache:2:3"), "\(error)")
        }
    }

    /// A template that parses but cannot render (a partial including itself) is refused when the
    /// pages are made, so a reload keeps the last good pages instead of a bare fallback.
    func testATemplateThatCannotRenderIsRefusedAtLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yeyak-loop-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.templates, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{>partials/loop}}".write(to: folder.appendingPathComponent("partials/loop.mustache"), atomically: true, encoding: .utf8)
        let result = folder.appendingPathComponent("result.mustache")
        let original = try String(contentsOf: result, encoding: .utf8)
        try original.replacingOccurrences(of: "{{#checking}}", with: "{{#checking}}{{>partials/loop}}")
            .write(to: result, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TemplateResultPages(templatesFolder: folder, site: Self.site)) { error in
            XCTAssertTrue("\(error)".contains("checking page does not render"), "\(error)")
        }
    }

    func testTheRepositorysContentRendersWithTheRepositorysTemplates() throws {
        let content = try ContentLoader.load(from: SharedFolder.projectRoot.appendingPathComponent("content"))
        let pages = try TemplateResultPages(templatesFolder: Self.templates, site: content.site)
        XCTAssertTrue(pages.render(page(.paid, title: "예약이 성공하였습니다")).contains(content.site.title.replacingOccurrences(of: "&", with: "&amp;")))
    }
}
