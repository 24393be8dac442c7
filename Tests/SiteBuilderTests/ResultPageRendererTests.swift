import Foundation
import SiteBuilder
import XCTest
import YeyakContent

/// The pages the service shows after the Toss redirect; the browser tests look for these texts.
final class ResultPageRendererTests: XCTestCase {
    func renderer() throws -> ResultPageRenderer {
        let site = Site(title: "예약 Yeyak", baseURL: URL(string: "https://yeyak.example")!, serviceURL: URL(string: "https://api.yeyak.example")!,
                        timeZone: TimeZone(identifier: "Asia/Seoul")!, tossClientKey: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
                        tossSDKURL: URL(string: "https://js.tosspayments.com/v2/standard")!)
        return try ResultPageRenderer(templatesFolder: SiteFixture.templates, site: site)
    }

    func view(_ outcome: BookingResultView.Outcome) -> BookingResultView {
        BookingResultView(outcome: outcome, orderId: "ord_4fQm9xZ2pL7sT1vK8wYb3n", restaurantName: "맛있는 <집밥>",
                          restaurantSlug: "jipbap", slotDateTime: "12월 24일 (목) 오후 6:00", tableName: "창가 2인석", partySize: 2,
                          depositAmount: "20,000원", receiptURL: "https://receipt.example/r?a=1&b=2",
                          refundPolicy: "방문 24시간 전까지 취소하시면 예약금 전액을 돌려드립니다.",
                          failureReason: outcome == .failed ? "카드사에서 결제를 거절했습니다. <b>" : nil,
                          manageURL: "https://api.yeyak.example/bookings/ord_4fQm9xZ2pL7sT1vK8wYb3n")
    }

    func testPaidShowsTheBookingNumberAndSuccess() throws {
        let html = try renderer().render(view(.paid))
        XCTAssertTrue(html.contains("예약이 성공하였습니다"))
        XCTAssertTrue(html.contains("예약번호: <strong>ord_4fQm9xZ2pL7sT1vK8wYb3n</strong>"))
        for expected in ["맛있는 &lt;집밥&gt;", "12월 24일 (목) 오후 6:00", "창가 2인석", "2명", "20,000원",
                         "href=\"https://receipt.example/r?a=1&amp;b=2\"", "방문 24시간 전까지", "예약 확인 · 취소",
                         "href=\"https://yeyak.example/assets/site.css\"", "href=\"https://yeyak.example/restaurants/jipbap/\"",
                         "<html lang=\"ko\">"] {
            XCTAssertTrue(html.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(html.contains("예약에 실패했습니다"))
    }

    func testFailedShowsTheReasonEscapedAndNoBookingNumber() throws {
        let html = try renderer().render(view(.failed))
        XCTAssertTrue(html.contains("예약에 실패했습니다"))
        XCTAssertTrue(html.contains("카드사에서 결제를 거절했습니다. &lt;b&gt;"))
        XCTAssertFalse(html.contains("예약번호:"))
        XCTAssertFalse(html.contains("예약이 성공하였습니다"))
        XCTAssertTrue(html.contains("href=\"https://yeyak.example/restaurants/jipbap/book/\""))
    }

    func testCheckingShowsTheBookingNumberAndThatPaymentIsBeingChecked() throws {
        let html = try renderer().render(view(.checking))
        XCTAssertTrue(html.contains("결제를 확인하고 있습니다"))
        XCTAssertTrue(html.contains("예약번호: <strong>ord_4fQm9xZ2pL7sT1vK8wYb3n</strong>"))
        XCTAssertFalse(html.contains("예약이 성공하였습니다"))
        XCTAssertFalse(html.contains("예약에 실패했습니다"))
    }

    func testErrorPageEscapesItsMessage() throws {
        let html = try renderer().renderError(title: "예약을 찾을 수 없습니다", message: "<script>x</script>", status: 404)
        XCTAssertTrue(html.contains("<h1>예약을 찾을 수 없습니다</h1>"))
        XCTAssertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        XCTAssertTrue(html.contains("오류 404"))
    }

    func testABrokenTemplateFolderIsReportedWithFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yeyak-broken-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SiteFixture.templates, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<p>\n  {{#result}}\n".write(to: folder.appendingPathComponent("result.mustache"), atomically: true, encoding: .utf8)
        let site = try renderer()  // the good one still works
        _ = site
        XCTAssertThrowsError(try ResultPageRenderer(templatesFolder: folder, site: Site(
            title: "t", baseURL: URL(string: "https://y.example")!, serviceURL: URL(string: "https://y.example")!,
            timeZone: TimeZone(identifier: "Asia/Seoul")!, tossClientKey: "test_gck_x", tossSDKURL: URL(string: "https://y.example/sdk")!))) { error in
            XCTAssertTrue("\(error)".contains("result.mustache:2:3"), "\(error)")
        }
    }
}
