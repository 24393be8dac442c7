import Foundation
import TestSupport
import XCTest

/// Pages on a static host (one origin), the service on another (`yeyak serve --site-origin`):
/// the guest books across origins because CORS allows the site, and a page on a third origin
/// can neither read nor write the booking API, not even with a form-style request that browsers
/// send without asking first.
final class SplitOriginTests: BrowserTestCase {
    func testPagesOnAStaticHostBookWithTheServiceElsewhereAndAThirdOriginIsRefused() throws {
        _ = try RequiredTool.sqlite3
        let driver = try ChromeDriverProcess()
        defer { driver.stop() }
        let sitePort = FreePort.find()
        var servicePort = FreePort.find()
        while servicePort == sitePort { servicePort = FreePort.find() }
        let stack = try DeployedStack(siteOrigin: "http://127.0.0.1:\(sitePort)", servicePort: servicePort,
                                      separateServiceOrigin: true)
        defer { stack.stop() }
        let pages = try StaticFileServer(folder: stack.outputPath, port: sitePort)
        defer { pages.stop() }
        let strangerFolder = try TemporaryDirectory(prefix: "yeyak-stranger")
        try strangerFolder.write("index.html", "<!doctype html><html lang=\"ko\"><title>다른 사이트</title><p>다른 사이트</p></html>")
        let stranger = try StaticFileServer(folder: strangerFolder.path)
        defer { stranger.stop() }
        let service = stack.serviceOrigin
        XCTAssertNotEqual(pages.origin, service)

        // The guest, on the static host, holds and pays with the service on its own origin.
        let browser = try driver.newBrowser()
        let (slot, _) = try firstSlot(stack.endpoints)
        try openBookingPage(browser, site: pages.origin, slot: slot)
        let booking = try payAndApprove(browser, slot: slot)
        let resultURL = try browser.currentURL()
        XCTAssertTrue(resultURL.hasPrefix(service + "/restaurant/confirm/success/?"), resultURL)
        let homeLink = try browser.attribute(browser.find(".site-footer a"), "href") ?? ""
        XCTAssertTrue(homeLink.hasPrefix(pages.origin + "/"), "the result page links back to the static site: \(homeLink)")
        try assertPaidInDatabase(stack.endpoints, booking)
        try browser.saveScreenshot("split-origin-paid")

        // The service's CORS answers on the wire: the site may, a stranger may not.
        let preflight = ["Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"]
        let allowed = try LoopbackHTTP.send("OPTIONS", service + "/api/reservations", json: nil,
                                            headers: preflight.merging(["Origin": pages.origin]) { $1 })
        XCTAssertTrue((200..<300).contains(allowed.status), "\(allowed.status) \(allowed.text)")
        XCTAssertEqual(allowed.header("Access-Control-Allow-Origin"), pages.origin)
        let refused = try LoopbackHTTP.send("OPTIONS", service + "/api/reservations", json: nil,
                                            headers: preflight.merging(["Origin": stranger.origin]) { $1 })
        XCTAssertEqual(refused.status, 403)
        XCTAssertNil(refused.header("Access-Control-Allow-Origin"))

        // A page on a third origin tries, in the browser.
        let bookingsBefore = try stack.endpoints.database.bookingCount()
        try browser.navigate(to: stranger.origin + "/")
        let jsonAttempt = try browser.executeAsync("""
            var done = arguments[arguments.length - 1];
            fetch(arguments[0] + "/api/reservations", {method: "POST", headers: {"Content-Type": "application/json"},
                  body: JSON.stringify({slotId: arguments[1], partySize: 1, customerKey: "guest-strangerJSON00000000000",
                                        name: "다른출처", phone: "010-1234-5678"})})
              .then(function (r) { done({status: r.status}); })
              .catch(function (e) { done({error: e.name + ": " + e.message}); });
            """, [service, slot]) as? [String: Any] ?? [:]
        XCTAssertNil(jsonAttempt["status"], "the browser lets the stranger read no answer: \(jsonAttempt)")
        XCTAssertTrue((jsonAttempt["error"] as? String ?? "").hasPrefix("TypeError"), "\(jsonAttempt)")

        // A form-encoded POST is a "simple" request: the browser sends it without a preflight,
        // so only the service's own Origin check stands between a stranger and a hold.
        let form = "slotId=\(slot)&partySize=1&customerKey=guest-strangerFORM00000000000&name=stranger&phone=010-1234-5678"
        let formAttempt = try browser.executeAsync("""
            var done = arguments[arguments.length - 1];
            fetch(arguments[0] + "/api/reservations", {method: "POST", mode: "no-cors",
                  headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: arguments[1]})
              .then(function (r) { done({type: r.type}); })
              .catch(function (e) { done({error: e.name + ": " + e.message}); });
            """, [service, form]) as? [String: Any] ?? [:]
        XCTAssertEqual(formAttempt["type"] as? String, "opaque", "the request was sent: \(formAttempt)")
        try browser.waitUntil("the service's 403 for the stranger's POST in its access log") {
            stack.printed.contains("POST /api/reservations 403")
        }
        XCTAssertEqual(try stack.endpoints.database.bookingCount(), bookingsBefore, "the stranger held nothing")
        XCTAssertEqual(try stack.endpoints.database.rows("SELECT order_id FROM bookings WHERE guest_name = 'stranger'").count, 0)
        try browser.execute("document.body.textContent = '다른 출처의 예약 시도: ' + JSON.stringify(arguments[0]) + ' / ' + JSON.stringify(arguments[1]);",
                            [jsonAttempt, formAttempt])
        try browser.saveScreenshot("split-origin-stranger-refused")

        // Negative control: the same form body is a valid hold when it comes from the site.
        let fromStranger = try LoopbackHTTP.send("POST", service + "/api/reservations", body: Array(form.utf8),
                                                 contentType: "application/x-www-form-urlencoded", headers: ["Origin": stranger.origin])
        XCTAssertEqual(fromStranger.status, 403, fromStranger.text)
        let fromSite = try LoopbackHTTP.send("POST", service + "/api/reservations", body: Array(form.utf8),
                                             contentType: "application/x-www-form-urlencoded", headers: ["Origin": pages.origin])
        XCTAssertEqual(fromSite.status, 201, fromSite.text)
        XCTAssertEqual(fromSite.header("Access-Control-Allow-Origin"), pages.origin)
        XCTAssertEqual(stack.stop(), [0, 0], stack.printed.suffix(2000).description)
    }
}
