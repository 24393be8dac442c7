import Foundation
import TossSandbox
import XCTest

/// Runs the served SDK script under Node with a minimal fake DOM and checks that it validates
/// like the real SDK and opens the payment window. Skips (with a printed reason) without `node`.
final class SDKBehaviourTests: XCTestCase {
    static let harness = #"""
    const fs = require("fs");
    const source = fs.readFileSync(process.argv[2], "utf8");
    function element() {
      return { style: {}, children: [], textContent: "", innerHTML: "", setAttribute() {},
               appendChild(child) { this.children.push(child); this.lastChild = child; } };
    }
    const elements = { "#payment-method": element(), "#agreement": element() };
    const logged = [];
    global.window = global;
    global.top = { location: { href: "" } };
    global.document = { currentScript: { src: "http://127.0.0.1:9090/v2/standard" },
                        querySelector: (s) => elements[s] || null, createElement: () => element() };
    console.error = (e) => logged.push(e && e.code);
    const fetched = [];
    global.fetch = async (url, options) => {
      fetched.push({ url, method: options.method, body: JSON.parse(options.body) });
      return { ok: true, status: 201, json: async () => ({ sessionId: "s1", paymentWindowPath: "/payment-window/s1" }) };
    };
    eval(source);
    const code = async (p) => { try { await p; return "resolved"; } catch (e) { return e.code || "NO_CODE"; } };
    const syncCode = (f) => { try { f(); return "ok"; } catch (e) { return e.code || "NO_CODE"; } };
    const order = { orderId: "order_123456", orderName: "맛있는 집밥 예약금", successUrl: "http://127.0.0.1:8080/ok",
                    failUrl: "http://127.0.0.1:8080/fail", customerName: "김손님", customerMobilePhone: "01012345678" };
    (async () => {
      const r = {};
      r.badClientKey = syncCode(() => TossPayments("nope"));
      const tp = TossPayments("test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm");
      r.paymentWithWidgetKey = syncCode(() => tp.payment({ customerKey: "abc" }));
      r.shortCustomerKey = syncCode(() => tp.widgets({ customerKey: "a" }));
      r.emailCustomerKey = syncCode(() => tp.widgets({ customerKey: "a b@x" }));
      const w = tp.widgets({ customerKey: TossPayments.ANONYMOUS });
      r.renderBeforeAmount = await code(w.renderPaymentMethods({ selector: "#payment-method", variantKey: "DEFAULT" }));
      r.requestBeforeAmount = await code(w.requestPayment(order));
      r.zeroAmount = await code(w.setAmount({ currency: "KRW", value: 0 }));
      r.fractionAmount = await code(w.setAmount({ currency: "KRW", value: 10.5 }));
      r.setAmount = await code(w.setAmount({ currency: "KRW", value: 20000 }));
      r.requestBeforeRender = await code(w.requestPayment(order));
      r.missingSelector = await code(w.renderPaymentMethods({ selector: "#nope" }));
      r.render = await code(w.renderPaymentMethods({ selector: "#payment-method", variantKey: "DEFAULT" }));
      r.agreement = await code(w.renderAgreement({ selector: "#agreement", variantKey: "AGREEMENT" }));
      r.placeholder = elements["#payment-method"].children[0].children[0].textContent;
      r.shortOrderId = await code(w.requestPayment({ ...order, orderId: "abc" }));
      r.badOrderIdChars = await code(w.requestPayment({ ...order, orderId: "order#123456" }));
      r.relativeSuccessUrl = await code(w.requestPayment({ ...order, successUrl: "/ok" }));
      r.badPhone = await code(w.requestPayment({ ...order, customerMobilePhone: "010-1234" }));
      r.fetchedBeforeValid = fetched.length;
      w.requestPayment(order);
      await new Promise((resolve) => setTimeout(resolve, 20));
      r.fetched = fetched;
      r.navigated = top.location.href;
      const api = TossPayments("test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq");
      r.widgetsWithApiKey = syncCode(() => api.widgets({ customerKey: "abc" }));
      r.apiBadAmount = await code(api.payment({ customerKey: "abc" }).requestPayment({ ...order, method: "CARD", amount: { currency: "KRW", value: -1 } }));
      r.logged = logged;
      console.log(JSON.stringify(r));
    })();
    """#

    func testSDKValidatesAndOpensThePaymentWindow() async throws {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("SDKBehaviourTests skipped: node is not installed")
            return
        }
        let h = SandboxHarness()
        let script = await h.send("GET", "/v2/standard", secret: nil).text
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try script.write(to: folder.appendingPathComponent("standard.js"), atomically: true, encoding: .utf8)
        try Self.harness.write(to: folder.appendingPathComponent("harness.js"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [folder.appendingPathComponent("harness.js").path, folder.appendingPathComponent("standard.js").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let r = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                              String(decoding: data, as: UTF8.self))

        XCTAssertEqual(r["badClientKey"] as? String, "INVALID_CLIENT_KEY")
        XCTAssertEqual(r["paymentWithWidgetKey"] as? String, "INVALID_CLIENT_KEY")
        XCTAssertEqual(r["widgetsWithApiKey"] as? String, "INVALID_CLIENT_KEY")
        XCTAssertEqual(r["shortCustomerKey"] as? String, "INVALID_CUSTOMER_KEY")
        XCTAssertEqual(r["emailCustomerKey"] as? String, "INVALID_CUSTOMER_KEY")
        XCTAssertEqual(r["renderBeforeAmount"] as? String, "NEED_AMOUNT")
        XCTAssertEqual(r["requestBeforeAmount"] as? String, "NEED_AMOUNT")
        XCTAssertEqual(r["zeroAmount"] as? String, "INVALID_AMOUNT")
        XCTAssertEqual(r["fractionAmount"] as? String, "INVALID_AMOUNT")
        XCTAssertEqual(r["setAmount"] as? String, "resolved")
        XCTAssertEqual(r["requestBeforeRender"] as? String, "NEED_RENDER")
        XCTAssertEqual(r["missingSelector"] as? String, "INVALID_SELECTOR")
        XCTAssertEqual(r["render"] as? String, "resolved")
        XCTAssertEqual(r["agreement"] as? String, "resolved")
        XCTAssertTrue((r["placeholder"] as? String ?? "").contains("SANDBOX"))
        XCTAssertEqual(r["shortOrderId"] as? String, "INVALID_ORDER_ID")
        XCTAssertEqual(r["badOrderIdChars"] as? String, "INVALID_ORDER_ID")
        XCTAssertEqual(r["relativeSuccessUrl"] as? String, "INVALID_SUCCESS_URL")
        XCTAssertEqual(r["badPhone"] as? String, "INVALID_CUSTOMER_MOBILE_PHONE")
        XCTAssertEqual(r["apiBadAmount"] as? String, "INVALID_AMOUNT")
        XCTAssertEqual(r["fetchedBeforeValid"] as? Int, 0, "nothing registered while invalid")
        let fetched = r["fetched"] as? [[String: Any]] ?? []
        XCTAssertEqual(fetched.count, 1)
        XCTAssertEqual(fetched.first?["url"] as? String, "http://127.0.0.1:9090/__sandbox/sessions")
        let body = fetched.first?["body"] as? [String: Any] ?? [:]
        XCTAssertEqual(body["amount"] as? Int, 20_000)
        XCTAssertEqual(body["orderId"] as? String, "order_123456")
        XCTAssertEqual(body["flow"] as? String, "widget")
        XCTAssertEqual(r["navigated"] as? String, "http://127.0.0.1:9090/payment-window/s1")
        XCTAssertGreaterThanOrEqual((r["logged"] as? [Any])?.count ?? 0, 15, "every failure is logged loudly")
    }
}
