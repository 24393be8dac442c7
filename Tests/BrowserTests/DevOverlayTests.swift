import Foundation
import TestSupport
import XCTest

/// `yeyak dev` for an editor (issue 18): a content or template mistake is shown over every open
/// page, in Korean with the file and field, as text (never markup), until it is fixed; then the
/// overlay goes and the pages reload with the fixed build.
final class DevOverlayTests: BrowserTestCase {
    static let overlay = "#yeyak-dev-problem"

    func overlayText(_ browser: WebDriver) throws -> String? {
        try browser.execute("var o = document.getElementById('yeyak-dev-problem'); return o ? o.textContent : null") as? String
    }

    func testABrokenContentOrTemplateShowsAnOverlayOnEveryOpenPageUntilItIsFixed() throws {
        _ = try RequiredTool.chromium
        let driver = try ChromeDriverProcess()
        defer { driver.stop() }
        let stack: DevStack
        stack = try DevStack(editable: true)
        defer { XCTAssertEqual(stack.stop(), 0, stack.printed.suffix(2000).description) }
        let site = stack.endpoints.site

        let list = try driver.newBrowser(), restaurant = try driver.newBrowser()
        try list.navigate(to: site + "/")
        try list.waitForText("h1", containing: "예약")
        try restaurant.navigate(to: site + "/restaurants/jipbap/")
        _ = try restaurant.waitForText("h1", containing: "맛있는 집밥")
        let pages = [list, restaurant]
        for page in pages { XCTAssertNil(try overlayText(page), "no overlay while the build is good") }

        // A mistake, with a field name that is markup: the overlay quotes it as text.
        let file = stack.content.appendingPathComponent("restaurants/jipbap.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        let broken = original.replacingOccurrences(of: "\"depositPerPerson\": 15000", with: "\"depositPerPerson\": 0")
            .replacingOccurrences(of: "\"kind\":", with: "\"<img src=x onerror=document.title='owned'>\": 1, \"kind\":")
        XCTAssertNotEqual(broken, original)
        try broken.write(to: file, atomically: true, encoding: .utf8)
        for page in pages {
            try page.waitUntil("the overlay shows the content problem") {
                (try overlayText(page))?.contains("restaurants/jipbap.json: tables[2].depositPerPerson: 0보다 커야 합니다") == true
            }
            let text = try XCTUnwrap(try overlayText(page))
            XCTAssertTrue(text.contains("<img src=x onerror=document.title='owned'>: 알 수 없는 항목입니다"), text)
            XCTAssertEqual(try page.execute("return document.querySelectorAll('#yeyak-dev-problem img').length") as? Int, 0,
                           "the problem is text, never markup")
            XCTAssertNotEqual(try page.execute("return document.title") as? String, "owned")
            XCTAssertTrue(try page.isDisplayed(page.find(Self.overlay)))
        }
        try restaurant.saveScreenshot("dev-overlay-content")
        // A page opened while the content is broken shows it too, over the last good build.
        let late = try driver.newBrowser()
        try late.navigate(to: site + "/restaurants/jipbap/")
        try late.waitUntil("a page opened later shows the overlay") { (try overlayText(late))?.contains("0보다 커야 합니다") == true }

        // Fixed, with a visible change: the overlay goes and every page reloads with the new build.
        try original.replacingOccurrences(of: "맛있는 집밥", with: "고친 집밥").write(to: file, atomically: true, encoding: .utf8)
        for page in [restaurant, late] {
            _ = try page.waitForText("h1", containing: "고친 집밥")
            XCTAssertNil(try overlayText(page))
        }
        try list.waitUntil("the list page reloads without the overlay") { try list.bodyText().contains("고친 집밥") }
        XCTAssertNil(try overlayText(list))

        // A template mistake too; restoring the same template clears it (nothing to reload).
        let layout = stack.templates.appendingPathComponent("layout.mustache")
        let template = try String(contentsOf: layout, encoding: .utf8)
        try (template + "{{#unclosed}}").write(to: layout, atomically: true, encoding: .utf8)
        try restaurant.waitUntil("a template error shows the overlay") { (try overlayText(restaurant))?.contains("layout.mustache") == true }
        try template.write(to: layout, atomically: true, encoding: .utf8)
        try restaurant.waitUntil("the overlay goes once the template is fixed") { try overlayText(restaurant) == nil }
        XCTAssertTrue(try restaurant.bodyText().contains("고친 집밥"))
    }
}
