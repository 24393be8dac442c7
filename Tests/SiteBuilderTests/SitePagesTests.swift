import Foundation
import SiteBuilder
import TestSupport
import XCTest

/// The pages a guest reaches, at pretty URLs, with the content shown preformatted and escaped.
final class SitePagesTests: XCTestCase {
    func build(_ fixture: SiteFixture, overrides: SiteOverrides = SiteOverrides()) throws -> BuildReport {
        try SiteBuilder.build(content: fixture.content, templates: SiteFixture.templates, output: fixture.output,
                              overrides: overrides, now: SiteFixture.now)
    }

    func testEveryPageExistsAtItsPrettyURLWithAssetsAndImages() throws {
        let fixture = try SiteFixture()
        let report = try build(fixture)
        XCTAssertEqual(fixture.outputFiles(), [
            ".yeyak-build.json", "404.html", "assets/availability.js", "assets/booking.js", "assets/favicon.svg", "assets/manage.js", "assets/site.css",
            "booking/index.html", "images/jipbap.svg", "index.html", "lookup/index.html", "restaurants/jipbap/book/index.html", "restaurants/jipbap/index.html",
            "restaurants/sushi-hana/book/index.html", "restaurants/sushi-hana/index.html", "sitemap.xml",
        ])
        XCTAssertEqual(report.pages, 8)
        XCTAssertEqual(report.written, 15)
        for page in ["index.html", "restaurants/jipbap/index.html", "restaurants/jipbap/book/index.html", "booking/index.html",
                     "lookup/index.html", "404.html"] {
            let html = try fixture.read(page)
            XCTAssertTrue(html.hasPrefix("<!doctype html>\n<html lang=\"ko\">"), page)
            XCTAssertTrue(html.contains("<meta name=\"viewport\""), page)
        }
    }

    func testLinksAreRelativeSoTheSiteWorksUnderAnyPathAndTheNotFoundPageUsesTheBaseURL() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        let index = try fixture.read("index.html")
        XCTAssertTrue(index.contains("href=\"./assets/site.css\""))
        XCTAssertTrue(index.contains("href=\"./restaurants/jipbap/\""))
        let page = try fixture.read("restaurants/jipbap/index.html")
        XCTAssertTrue(page.contains("href=\"../../assets/site.css\""))
        XCTAssertTrue(page.contains("src=\"../../images/jipbap.svg\""))
        XCTAssertTrue(page.contains("href=\"book/?slot=jipbap.window2.20261224.1800\""))
        let book = try fixture.read("restaurants/jipbap/book/index.html")
        XCTAssertTrue(book.contains("src=\"../../../assets/booking.js\""))
        XCTAssertTrue(try fixture.read("404.html").contains("href=\"https://yeyak.example/sub/assets/site.css\""))

        let plain = try SiteFixture()
        _ = try build(plain, overrides: SiteOverrides(fileLinks: true))
        XCTAssertTrue(try plain.read("index.html").contains("href=\"./restaurants/jipbap/index.html\""))
        XCTAssertTrue(try plain.read("restaurants/jipbap/index.html").contains("href=\"book/index.html?slot=jipbap.window2.20261224.1800\""))
    }

    func testRestaurantPageShowsPreformattedTablesPolicyADateStripAndTheFirstDaysTimes() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        let page = try fixture.read("restaurants/jipbap/index.html")
        for expected in ["<h1>맛있는 집밥</h1>", "서울특별시 마포구 1", "href=\"tel:023321845\"", "창가 2인석", "최대 2명",
                         "10,000원", "15,000원", "1인 예약금</dt><dd>10,000원 ~ 15,000원",
                         "방문 24시간 전까지 취소하시면 예약금 전액을 돌려드립니다.", "<h3 id=\"first-day-title\">12월 24일 (목)</h3>",
                         "오후 6:00", "오후 6:30",
                         // Every bookable date is one link in the strip; its times are on the booking page.
                         "href=\"book/?date=2026-12-24\" aria-current=\"date\"><span class=\"chip-face\"><span class=\"chip-date\">12월 24일</span> <span class=\"chip-weekday\">목</span>",
                         "href=\"book/?date=2026-12-26\"><span class=\"chip-face\"><span class=\"chip-date\">12월 26일</span> <span class=\"chip-weekday\">토</span>"] {
            XCTAssertTrue(page.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(page.contains("20261219"), "a slot in the past is not offered")
        XCTAssertFalse(page.contains("?slot=jipbap.window2.20261226"), "only the first date's times are listed")
        // The start for availability.js, which marks a slot "지난 시간" once the browser's clock passes it.
        XCTAssertTrue(page.contains("data-slot-id=\"jipbap.room6.20261224.1830\" data-starts-at=\"1798104600000\""))
        XCTAssertLessThan(page.range(of: "12월 24일")!.lowerBound, page.range(of: "12월 26일")!.lowerBound)
    }

    func testBookingPageCarriesSlotsPartySizesPolicyAndServiceSettings() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture, overrides: SiteOverrides(serviceURL: URL(string: "http://127.0.0.1:9000/")!,
                                                        tossSDKURL: URL(string: "http://127.0.0.1:9001/v2/standard")!))
        let book = try fixture.read("restaurants/jipbap/book/index.html")
        for expected in ["<legend>인원</legend>", "<input type=\"radio\" name=\"partySize\" value=\"2\" checked><span class=\"chip-face\">2명</span>",
                         "<input type=\"radio\" name=\"partySize\" value=\"6\"><span class=\"chip-face\">6명</span>",
                         "<input type=\"radio\" name=\"date\" value=\"2026-12-24\" checked>",
                         "<input type=\"radio\" name=\"date\" value=\"2026-12-26\">", "\"day\":\"2026-12-24\"",
                         "<output id=\"deposit-total\" aria-live=\"polite\">시간을 골라 주세요</output>",
                         "data-service-url=\"http://127.0.0.1:9000\"", "data-client-key=\"test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm\"",
                         "<script src=\"http://127.0.0.1:9001/v2/standard\"></script>", "예약금 환불 규정",
                         "<label for=\"phone\">연락처</label>", "aria-describedby=\"phone-hint phone-error\"",
                         "\"maxParty\":6,\"deposit\":15000,\"startsAt\":1798104600000"] {
            XCTAssertTrue(book.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(book.contains("name=\"partySize\" value=\"7\""), "party sizes are bounded by the largest table (6 seats)")
        XCTAssertFalse(book.contains("<select"), "no drop-down whose options a phone cuts off")
        XCTAssertLessThan(book.range(of: "예약금 환불 규정")!.lowerBound, book.range(of: "id=\"pay-button\"")!.lowerBound)
        // Which payment methods work is said before payment (virtual accounts are refused).
        XCTAssertLessThan(book.range(of: "가상계좌(무통장입금)는 지원하지 않으며")!.lowerBound, book.range(of: "id=\"payment-method\"")!.lowerBound)
    }

    func testHostileContentIsEscapedOnEveryPageAndCannotLeaveTheScriptData() throws {
        let fixture = try SiteFixture()
        let hostile = "<script>alert(1)</script> & \"co\" 'x'"
        try fixture.writeRestaurant("jipbap", name: hostile, description: "</script><img src=x onerror=alert(2)>\u{2028}")
        _ = try build(fixture)
        for page in ["index.html", "restaurants/jipbap/index.html", "restaurants/jipbap/book/index.html"] {
            let html = try fixture.read(page)
            XCTAssertFalse(html.contains("<script>alert"), page)
            XCTAssertFalse(html.contains("<img src=x"), page)
            XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot; &#39;x&#39;"), page)
        }
        let book = try fixture.read("restaurants/jipbap/book/index.html")
        let dataStart = book.range(of: "<script type=\"application/json\" id=\"booking-data\">")!.upperBound
        let data = book[dataStart...].prefix { $0 != "<" }
        XCTAssertTrue(data.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\\"co\\\" \\u0027x\\u0027"), String(data))
        XCTAssertTrue(book[dataStart...].hasPrefix(data + "</script>"), "the data ends only at its own closing tag")
        let parsed = try JSONSerialization.jsonObject(with: Data(data.utf8)) as! [String: Any]
        XCTAssertEqual(parsed["restaurantName"] as? String, hostile)
    }

    func testSitemapListsAbsoluteURLsFromTheBaseURL() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        let sitemap = try fixture.read("sitemap.xml")
        XCTAssertTrue(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let locations = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        XCTAssertEqual(locations, [
            "https://yeyak.example/sub/", "https://yeyak.example/sub/lookup/", "https://yeyak.example/sub/restaurants/jipbap/",
            "https://yeyak.example/sub/restaurants/jipbap/book/", "https://yeyak.example/sub/restaurants/sushi-hana/",
            "https://yeyak.example/sub/restaurants/sushi-hana/book/",
        ])
    }

    func testNoSecretKeyReachesOutput() throws {
        let fixture = try SiteFixture()
        XCTAssertThrowsError(try build(fixture, overrides: SiteOverrides(tossClientKey: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")))
        XCTAssertFalse(fixture.exists("index.html"))

        // A template that prints a secret-looking text is refused at write time, whatever produced it.
        let templates = try TemporaryDirectory()
        try FileManager.default.removeItem(at: templates.url)
        try FileManager.default.copyItem(at: SiteFixture.templates, to: templates.url)
        try templates.write("404.mustache", "{{<layout}}{{$content}}live_sk_abc{{/content}}{{/layout}}")
        XCTAssertThrowsError(try SiteBuilder.build(content: fixture.content, templates: templates.url, output: fixture.output,
                                                   now: SiteFixture.now)) { error in
            XCTAssertTrue("\(error)".contains("404.html"), "\(error)")
        }
        XCTAssertFalse(fixture.exists("404.html"))

        let clean = try SiteFixture()
        _ = try build(clean)
        for file in clean.outputFiles() {
            let bytes = try String(contentsOf: clean.output.appendingPathComponent(file), encoding: .utf8)
            XCTAssertFalse(bytes.contains("_sk_") || bytes.contains("_gsk_"), file)
        }
    }
}
