import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Toss's official sample (tosspayments-sample, `express-javascript`) as another shop would run it
/// against `yeyak sandbox`, with only the SDK and API URLs changed: pages and a small server written
/// here in the sample's shape (not copied), driven in headless Chromium. The browser makes the
/// sample's SDK calls (setAmount first, the two renders together, requestPayment with a
/// `btoa(Math.random())` orderId, `payment().requestPayment({method: "CARD", card: {...}})`, and the
/// Promise mode), and the server forwards the success redirect's values to confirm as strings,
/// exactly as `server.js` does.
final class OfficialSampleBrowserTests: BrowserTestCase {
    static let widgetClientKey = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"
    static let apiClientKey = "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq"

    /// The shop's server: static pages plus `POST /confirm/widget` and `/confirm/payment`, which
    /// call confirm with `JSON.stringify({orderId, amount, paymentKey})` of the posted values,
    /// Basic auth and Content-Type only, and log what they sent to `confirms.log`.
    static let server = #"""
    import base64, json, sys, urllib.request, urllib.error, http.server, os
    root, port, api = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    secrets = {"/confirm/widget": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "/confirm/payment": "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"}
    class Shop(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k): super().__init__(*a, directory=root, **k)
        def log_message(self, *a): pass
        def do_POST(self):
            if self.path not in secrets: self.send_error(404); return
            posted = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.dumps({"orderId": posted["orderId"], "amount": posted["amount"], "paymentKey": posted["paymentKey"]},
                              separators=(",", ":"), ensure_ascii=False).encode()
            with open(os.path.join(root, "confirms.log"), "ab") as log: log.write(body + b"\n")
            request = urllib.request.Request(api + "/v1/payments/confirm", data=body, method="POST", headers={
                "Authorization": "Basic " + base64.b64encode((secrets[self.path] + ":").encode()).decode(),
                "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=20) as answer: status, data = answer.status, answer.read()
            except urllib.error.HTTPError as error: status, data = error.code, error.read()
            self.send_response(status); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Shop).serve_forever()
    """#

    static func page(sdk: String, body: String, script: String) -> String {
        """
        <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>샘플 상점</title>
        <script src="\(sdk)"></script></head><body>\(body)<script>
        function generateRandomString() { return window.btoa(Math.random()).slice(0, 20); }
        \(script)
        </script></body></html>
        """
    }

    /// The widget checkout in the sample's order of calls; `promise` leaves out successUrl/failUrl.
    static func widgetCheckout(sdk: String, promise: Bool) -> String {
        let urls = promise ? "" : #"successUrl: window.location.origin + "/widget/success.html", failUrl: window.location.origin + "/fail.html","#
        let after = promise ? #"""
            .then(function (result) { return confirmOnServer("/confirm/widget", { paymentKey: result.paymentKey,
              orderId: result.orderId, amount: String(result.amount.value) }); })
            .then(function (json) { document.getElementById("response").textContent = JSON.stringify(json, null, 4); })
            .catch(function (error) { document.getElementById("response").textContent = "ERROR " + error.code; });
            """# : ";"
        return page(sdk: sdk, body: #"""
            <div id="payment-method"></div><div id="agreement"></div>
            <button id="payment-button">결제하기</button><pre id="response"></pre><p id="ready"></p>
            """#, script: #"""
            async function confirmOnServer(path, data) {
              const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
              return response.json();
            }
            main();
            async function main() {
              const amount = { currency: "KRW", value: 50000 };
              const tossPayments = TossPayments("\#(widgetClientKey)");
              const widgets = tossPayments.widgets({ customerKey: generateRandomString() });
              await widgets.setAmount(amount);
              await Promise.all([
                widgets.renderPaymentMethods({ selector: "#payment-method", variantKey: "DEFAULT" }),
                widgets.renderAgreement({ selector: "#agreement", variantKey: "AGREEMENT" }),
              ]);
              document.getElementById("ready").textContent = "ready";
              document.getElementById("payment-button").addEventListener("click", async function () {
                widgets.requestPayment({ orderId: generateRandomString(), orderName: "토스 티셔츠 외 2건", \#(urls)
                  customerEmail: "customer123@gmail.com", customerName: "김토스" })\#(after)
              });
            }
            """#)
    }

    static func paymentCheckout(sdk: String) -> String {
        page(sdk: sdk, body: #"<button id="CARD" onclick="requestPayment()">카드</button>"#, script: #"""
            const payment = TossPayments("\#(apiClientKey)").payment({ customerKey: generateRandomString() });
            async function requestPayment() {
              await payment.requestPayment({
                method: "CARD", amount: { currency: "KRW", value: 50000 }, orderId: generateRandomString(),
                orderName: "토스 티셔츠 외 2건", successUrl: window.location.origin + "/payment/success.html",
                failUrl: window.location.origin + "/fail.html", customerEmail: "customer123@gmail.com", customerName: "김토스",
                card: { useEscrow: false, flowMode: "DEFAULT", useCardPoint: false, useAppCardOnly: false },
              });
            }
            """#)
    }

    /// The success page: the redirect's query values, as strings, to the shop's server.
    static func success(_ path: String) -> String {
        page(sdk: "data:,", body: #"<pre id="response"></pre>"#, script: #"""
            const urlParams = new URLSearchParams(window.location.search);
            fetch("\#(path)", { method: "POST", headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ paymentKey: urlParams.get("paymentKey"), orderId: urlParams.get("orderId"), amount: urlParams.get("amount") }) })
              .then(async function (response) {
                const json = await response.json();
                if (!response.ok) { window.location.href = "/fail.html?message=" + json.message + "&code=" + json.code; return; }
                document.getElementById("response").textContent = JSON.stringify(json, null, 4);
              });
            """#)
    }

    static let fail = page(sdk: "data:,", body: #"<p id="code"></p><p id="message"></p>"#, script: #"""
        const urlParams = new URLSearchParams(window.location.search);
        document.getElementById("code").textContent = urlParams.get("code");
        document.getElementById("message").textContent = urlParams.get("message");
        """#)

    struct Stack {
        var sandbox: RunningProcess
        var shop: RunningProcess
        var sandboxURL: String
        var shopURL: String
        var folder: TemporaryDirectory

        var confirms: [[String: Any]] {
            let text = (try? folder.read("confirms.log")) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        func stop() {
            for process in [shop, sandbox] where process.process.isRunning {
                process.signal(SIGTERM)
                _ = process.waitForExit(timeout: 10)
            }
        }
    }

    func withSampleShop(_ body: (Stack, WebDriver) throws -> Void) throws {
        let python = try RequiredTool.python3
        let driver = try ChromeDriverProcess()
        defer { driver.stop() }
        let folder = try TemporaryDirectory()
        let sandboxPort = FreePort.find()
        let sandboxURL = "http://127.0.0.1:\(sandboxPort)"
        let sdk = sandboxURL + "/v2/standard"
        for (path, html) in [("widget/checkout.html", Self.widgetCheckout(sdk: sdk, promise: false)),
                             ("widget/promise.html", Self.widgetCheckout(sdk: sdk, promise: true)),
                             ("widget/success.html", Self.success("/confirm/widget")),
                             ("payment/checkout.html", Self.paymentCheckout(sdk: sdk)),
                             ("payment/success.html", Self.success("/confirm/payment")), ("fail.html", Self.fail),
                             ("shop.py", Self.server)] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try folder.write(path, html)
        }
        let sandbox = try RunningProcess(ChildProcess.yeyakBinary, ["sandbox", "--port", "\(sandboxPort)"])
        let shopPort = FreePort.find()
        let shop = try RunningProcess(URL(fileURLWithPath: python),
                                      ["-u", folder.url.appendingPathComponent("shop.py").path, folder.path, "\(shopPort)", sandboxURL])
        let stack = Stack(sandbox: sandbox, shop: shop, sandboxURL: sandboxURL, shopURL: "http://127.0.0.1:\(shopPort)", folder: folder)
        defer { stack.stop() }
        let deadline = Date().addingTimeInterval(20)
        var up = false
        while Date() < deadline && !up {
            let sandboxUp = ((try? LoopbackHTTP.send("GET", sandboxURL + "/v2/standard", timeout: 2))?.status ?? 0) == 200
            let shopUp = ((try? LoopbackHTTP.send("GET", stack.shopURL + "/fail.html", timeout: 2))?.status ?? 0) == 200
            up = sandboxUp && shopUp
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertTrue(up, "sandbox: \(sandbox.printed)\nshop: \(shop.printed)")
        guard up else { return }
        try body(stack, driver.newBrowser())
    }

    func testWidgetFlowOfTheOfficialSampleConfirms() throws {
        try withSampleShop { stack, browser in
            try browser.navigate(to: stack.shopURL + "/widget/checkout.html")
            try browser.waitForText("#ready", containing: "ready")
            XCTAssertTrue(try browser.text(browser.find("#payment-method")).contains("SANDBOX"))
            // btoa("0.12345678901") is 20 characters ending in "=", an orderId the sample can make.
            try browser.execute("Math.random = function () { return 0.12345678901; };")
            try browser.click(browser.find("#payment-button"))
            try browser.waitForURL(containing: "/payment-window/")
            try browser.click(browser.find("#approve"))
            try browser.waitForURL(containing: "/widget/success.html")
            let response = try browser.waitForText("#response", containing: "\"status\": \"DONE\"", seconds: 20)
            XCTAssertTrue(response.contains("\"totalAmount\": 50000"), response)
            let sent = try XCTUnwrap(stack.confirms.last)
            XCTAssertEqual(sent["amount"] as? String, "50000", "the sample sends amount as a string")
            XCTAssertEqual(sent["orderId"] as? String, "MC4xMjM0NTY3ODkwMQ==")
        }
    }

    func testPaymentWindowFlowOfTheOfficialSampleConfirmsAndACancelGoesToFail() throws {
        try withSampleShop { stack, browser in
            try browser.navigate(to: stack.shopURL + "/payment/checkout.html")
            try browser.click(browser.find("#CARD"))
            try browser.waitForURL(containing: "/payment-window/")
            try browser.click(browser.find("#approve"))
            try browser.waitForURL(containing: "/payment/success.html")
            try browser.waitForText("#response", containing: "\"status\": \"DONE\"", seconds: 20)
            XCTAssertFalse(try browser.currentURL().contains("paymentType="), "only the widget adds paymentType")

            try browser.navigate(to: stack.shopURL + "/payment/checkout.html")
            try browser.click(browser.find("#CARD"))
            try browser.waitForURL(containing: "/payment-window/")
            try browser.click(browser.find("#cancel"))
            try browser.waitForURL(containing: "/fail.html")
            try browser.waitForText("#code", containing: "PAY_PROCESS_CANCELED")
        }
    }

    func testPromiseModeResolvesWithThePaymentAndTheWidgetObjectsHaveTheSDKsShape() throws {
        try withSampleShop { stack, browser in
            try browser.navigate(to: stack.shopURL + "/widget/promise.html")
            try browser.waitForText("#ready", containing: "ready")
            let shape = try browser.executeAsync(#"""
                var done = arguments[arguments.length - 1];
                (async function () {
                  var r = {};
                  var one = document.createElement("div"); one.id = "m2"; document.body.appendChild(one);
                  var w = TossPayments("\#(Self.widgetClientKey)").widgets({ customerKey: TossPayments.ANONYMOUS });
                  await w.setAmount({ currency: "KRW", value: 1000 });
                  var methods = await w.renderPaymentMethods({ selector: "#m2" });
                  r.selected = await methods.getSelectedPaymentMethod();
                  try { await w.renderPaymentMethods({ selector: "#m2" }); r.second = "resolved"; } catch (e) { r.second = e.code; }
                  r.destroy = typeof methods.destroy;
                  await methods.destroy();
                  r.afterDestroy = document.querySelector("#m2 [data-toss-sandbox]") === null;
                  await w.renderPaymentMethods({ selector: "#m2" }); r.rerendered = true;
                  var tp = TossPayments("\#(Self.apiClientKey)");
                  r.brandpay = typeof tp.brandpay;
                  try { await tp.brandpay({ customerKey: "abc123", redirectUrl: location.origin }).requestPayment({}); } catch (e) { r.brandpayCode = e.code; }
                  try { await tp.requestPayment("카드", {}); } catch (e) { r.v1 = e.code; }
                  return r;
                })().then(done, function (e) { done({ error: String(e) }); });
                """#) as? [String: Any] ?? [:]
            XCTAssertEqual((shape["selected"] as? [String: Any])?["code"] as? String, "CARD", "\(shape)")
            XCTAssertEqual(shape["second"] as? String, "ALREADY_RENDERED_PAYMENT_METHODS")
            XCTAssertEqual(shape["destroy"] as? String, "function")
            XCTAssertEqual(shape["afterDestroy"] as? Bool, true)
            XCTAssertEqual(shape["rerendered"] as? Bool, true)
            XCTAssertEqual(shape["brandpay"] as? String, "function")
            XCTAssertEqual(shape["brandpayCode"] as? String, "SANDBOX_UNSUPPORTED")
            XCTAssertEqual(shape["v1"] as? String, "V1_METHOD_NOT_SUPPORTED")

            try browser.click(browser.find("#payment-button"))
            try browser.waitUntil("the payment window overlay", seconds: 15) {
                (try? browser.find("#tosspayments-sandbox-window")) != nil
            }
            try browser.switchToFrame(browser.find("#tosspayments-sandbox-window"))
            try browser.waitUntil("the approve button", seconds: 15) { (try? browser.find("#approve")) != nil }
            try browser.click(browser.find("#approve"))
            try browser.switchToFrame(nil)
            let response = try browser.waitForText("#response", containing: "\"status\": \"DONE\"", seconds: 20)
            XCTAssertTrue(try browser.currentURL().contains("/widget/promise.html"), "Promise mode never leaves the page")
            XCTAssertFalse(response.contains("ERROR"), response)
            XCTAssertEqual(stack.confirms.last?["amount"] as? String, "50000")
        }
    }
}
