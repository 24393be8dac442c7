import Foundation
import TestSupport
import XCTest

/// The deployment kit for real: nginx from `deploy/nginx/yeyak-local.conf.template` serves the
/// built pages and proxies the service (`yeyak serve`, Toss = `yeyak sandbox`), and a guest books
/// through it in Chromium (flow 1). Also the routing an operator relies on: cache headers, the
/// slash redirect, hidden dotfiles, security headers.
final class NginxDeploymentTests: BrowserTestCase {
    func testGuestBooksThroughNginxInFrontOfTheService() throws {
        _ = try RequiredTool.sqlite3
        _ = try RequiredTool.nginx
        let driver = try ChromeDriverProcess()
        defer { driver.stop() }
        let nginxPort = FreePort.find()
        var servicePort = FreePort.find()
        while servicePort == nginxPort { servicePort = FreePort.find() }
        let stack = try DeployedStack(siteOrigin: "http://127.0.0.1:\(nginxPort)", servicePort: servicePort,
                                      separateServiceOrigin: false)
        defer { stack.stop() }
        let nginx = try NginxProcess(port: nginxPort, root: stack.outputPath, servicePort: servicePort)
        defer { nginx.stop() }
        let site = nginx.origin

        // What the operator's nginx promises, checked on the wire.
        let home = try LoopbackHTTP.get(site + "/")
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.header("Cache-Control"), "max-age=60", "pages: a short cache")
        XCTAssertEqual(home.header("X-Content-Type-Options"), "nosniff")
        XCTAssertEqual(home.header("X-Frame-Options"), "DENY")
        XCTAssertEqual(try LoopbackHTTP.get(site + "/assets/site.css").header("Cache-Control"), "max-age=86400", "assets: a day")
        let slashless = try LoopbackHTTP.get(site + "/restaurants/jipbap")
        XCTAssertEqual(slashless.status, 301)
        XCTAssertEqual(slashless.header("Location"), "/restaurants/jipbap/")
        XCTAssertEqual(try LoopbackHTTP.get(site + "/.yeyak-build.json").status, 404, "dotfiles are never served")
        let missing = try LoopbackHTTP.get(site + "/no/such/page")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.text.contains("<html lang=\"ko\">"), "the site's own 404 page")
        let api = try LoopbackHTTP.get(site + "/api/availability?restaurant=jipbap")
        XCTAssertEqual(api.status, 200, "the API is proxied to yeyak serve")
        XCTAssertEqual(api.header("X-Frame-Options"), "DENY", "one copy of each security header on proxied answers")

        // Flow 1, through nginx.
        let browser = try driver.newBrowser()
        let slot = try openFirstSlotFromTheList(browser, site: site)
        let booking = try payAndApprove(browser, slot: slot)
        let resultURL = try browser.currentURL()
        XCTAssertTrue(resultURL.hasPrefix(site + "/restaurant/confirm/success/?"), "Toss redirects to nginx: \(resultURL)")
        let home_link = try browser.attribute(browser.find(".site-footer a"), "href") ?? ""
        XCTAssertTrue(home_link.hasPrefix(site + "/"), "the result page links to the published site: \(home_link)")
        try assertPaidInDatabase(stack.endpoints, booking)
        let log = try stack.endpoints.confirmLog(orderId: booking.orderId)
        XCTAssertEqual(log["confirmCalls"] as? Int, 1, "\(log)")
        try browser.saveScreenshot("nginx-flow1-paid")

        let access = nginx.accessLog
        XCTAssertTrue(access.contains("\"POST /api/reservations HTTP/1.1\" 201"), "the hold went through nginx:\n\(access)")
        XCTAssertTrue(access.contains("\"GET /restaurant/confirm/success/?"), "so did Toss's redirect:\n\(access)")
        XCTAssertEqual(nginx.stop(), 0, "nginx stops cleanly:\n\(nginx.errorLog.suffix(2000))")
        XCTAssertEqual(stack.stop(), [0, 0], stack.printed.suffix(2000).description)
    }
}
