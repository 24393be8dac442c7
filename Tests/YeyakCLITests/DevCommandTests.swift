import Foundation
import TestSupport
import XCTest
@testable import YeyakCLI

/// `yeyak dev` and `yeyak sandbox` through the real binary, on free ports, with a temp output/
/// and data folder; the sample content and templates are read in place (never written).
final class DevCommandTests: XCTestCase {
    static let widgetClient = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"
    static let widgetSecret = "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"
    let root = SharedFolder.projectRoot

    func twoFreePorts() -> (Int, Int) {
        let first = FreePort.find()
        var second = FreePort.find()
        while second == first { second = FreePort.find() }
        return (first, second)
    }

    func testDevServesSiteAndServiceOnOnePortAndAPaymentThroughTheSandboxSucceeds() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-dev")
        let (port, sandboxPort) = twoFreePorts()
        let dev = try RunningProcess(ChildProcess.yeyakBinary, [
            "dev", "--port", "\(port)", "--sandbox-port", "\(sandboxPort)",
            "--content", root.appendingPathComponent("content").path,
            "--templates", root.appendingPathComponent("site-templates").path,
            "--output", folder.path + "/output", "--data", folder.path + "/data",
        ], environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertTrue(dev.waitFor("Stop with Ctrl-C."), dev.printed)
        let site = "http://127.0.0.1:\(port)"
        let sandbox = "http://127.0.0.1:\(sandboxPort)"
        XCTAssertTrue(dev.printed.contains("Open the site:  \(site)/"), dev.printed)
        XCTAssertTrue(dev.printed.contains("Toss sandbox:   \(sandbox)/"), dev.printed)
        XCTAssertTrue(dev.printed.contains("SANDBOX payment window"))
        XCTAssertTrue(dev.printed.contains("Database:       \(folder.path)/data/yeyak.sqlite"), dev.printed)

        let home = try http(port, "GET", "/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.bodyText.contains("<html lang=\"ko\">"))
        XCTAssertTrue(home.bodyText.contains("맛있는 집밥"))
        XCTAssertTrue(home.bodyText.contains("/__dev/live-reload.js"))
        let book = try http(port, "GET", "/restaurants/jipbap/book/").bodyText
        XCTAssertTrue(book.contains("<script src=\"\(sandbox)/v2/standard\"></script>"), "the booking page loads the sandbox SDK")
        XCTAssertTrue(book.contains("data-client-key=\"\(Self.widgetClient)\""))
        XCTAssertTrue(book.contains("data-service-url=\"\(site)\""))
        let sdk = try http(sandboxPort, "GET", "/v2/standard")
        XCTAssertEqual(sdk.status, 200)
        XCTAssertTrue(sdk.bodyText.contains("TossPayments"))
        XCTAssertEqual(try http(port, "GET", "/healthz").status, 200)

        // The guest holds seats from the page's own origin (the service knows the dev origin).
        let availability = try json(http(port, "GET", "/api/availability?restaurant=jipbap"))
        let slots = try XCTUnwrap(availability["slots"] as? [[String: Any]])
        let slotId = try XCTUnwrap(slots.first { ($0["seatsLeft"] as? Int ?? 0) >= 2 }?["slotId"] as? String)
        let customerKey = "guest_dev_test_1"
        let held = try http(port, "POST", "/api/reservations", json: [
            "slotId": slotId, "partySize": 2, "customerKey": customerKey, "name": "김예약", "phone": "010-1234-5678",
        ], headers: "Origin: \(site)\r\n")
        XCTAssertEqual(held.status, 201, held.bodyText)
        let hold = try json(held)
        let orderId = try XCTUnwrap(hold["orderId"] as? String)
        let amount = try XCTUnwrap(hold["amount"] as? Int)

        // The buyer approves in the sandbox's payment window, and the browser follows the redirect.
        let session = try json(http(sandboxPort, "POST", "/__sandbox/sessions", json: [
            "clientKey": Self.widgetClient, "customerKey": customerKey, "orderId": orderId,
            "orderName": hold["orderName"] as? String ?? "예약", "amount": amount,
            "successUrl": "\(site)/restaurant/confirm/success/", "failUrl": "\(site)/restaurant/confirm/failed/",
        ]))
        let sessionId = try XCTUnwrap(session["sessionId"] as? String)
        let window = try http(sandboxPort, "GET", "/payment-window/\(sessionId)")
        XCTAssertTrue(window.bodyText.contains("SANDBOX"))
        let approved = try json(http(sandboxPort, "POST", "/__sandbox/sessions/\(sessionId)/approve", json: [:]))
        let redirect = try XCTUnwrap(approved["redirectUrl"] as? String)
        XCTAssertTrue(redirect.hasPrefix("\(site)/restaurant/confirm/success/?"), redirect)
        let result = try http(port, "GET", String(redirect.dropFirst(site.count)))
        XCTAssertEqual(result.status, 200, result.bodyText)
        XCTAssertTrue(result.bodyText.contains("예약이 성공하였습니다"), result.bodyText)
        XCTAssertTrue(result.bodyText.contains(orderId))
        let log = try json(http(sandboxPort, "GET", "/__sandbox/log?orderId=\(orderId)"))
        XCTAssertEqual(log["appliedConfirms"] as? Int, 1)

        dev.signal(SIGTERM)
        XCTAssertEqual(dev.waitForExit(), 0, dev.printed)
        XCTAssertTrue(dev.printed.contains("yeyak dev: stopped"), dev.printed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/data/yeyak.sqlite"))
        XCTAssertThrowsError(try RawHTTPClient(port: port), "the port is closed after exit")
    }

    func testSIGINTStopsDevAndFreshStartsWithAnEmptyDatabase() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-dev")
        try folder.write("data/yeyak.sqlite", "not a database")
        let (port, sandboxPort) = twoFreePorts()
        let dev = try RunningProcess(ChildProcess.yeyakBinary, [
            "dev", "--port", "\(port)", "--sandbox-port", "\(sandboxPort)", "--fresh",
            "--content", root.appendingPathComponent("content").path,
            "--templates", root.appendingPathComponent("site-templates").path,
            "--output", folder.path + "/output", "--data", folder.path + "/data",
        ], environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertTrue(dev.waitFor("Stop with Ctrl-C."), dev.printed)
        XCTAssertTrue(dev.printed.contains("--fresh: deleted the development database"))
        XCTAssertEqual(try http(port, "GET", "/healthz").status, 200)
        dev.signal(SIGINT)
        XCTAssertEqual(dev.waitForExit(), 0, dev.printed)
    }

    func testAPortInUseIsOneClearLineAndExitOne() throws {
        let (port, sandboxPort) = twoFreePorts()
        let sandbox = try RunningProcess(ChildProcess.yeyakBinary, ["sandbox", "--port", "\(port)"])
        XCTAssertTrue(sandbox.waitFor("Stop with Ctrl-C."), sandbox.printed)
        let folder = try TemporaryDirectory(prefix: "yeyak-dev")
        let common = ["--content", root.appendingPathComponent("content").path,
                      "--templates", root.appendingPathComponent("site-templates").path,
                      "--output", folder.path + "/output", "--data", folder.path + "/data"]

        let devPortTaken = try ChildProcess.yeyak(["dev", "--port", "\(port)", "--sandbox-port", "\(sandboxPort)"] + common,
                                                  environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(devPortTaken.status, 1)
        XCTAssertEqual(devPortTaken.standardError, "yeyak dev: port \(port) on 127.0.0.1 is already in use (is another yeyak running? pick another --port)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/data"), "nothing was opened")

        let sandboxPortTaken = try ChildProcess.yeyak(["dev", "--port", "\(sandboxPort)", "--sandbox-port", "\(port)"] + common,
                                                      environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(sandboxPortTaken.status, 1)
        XCTAssertEqual(sandboxPortTaken.standardError.split(separator: "\n").count, 1, sandboxPortTaken.standardError)
        XCTAssertTrue(sandboxPortTaken.standardError.contains("already in use (the Toss sandbox's; pick another --sandbox-port)"))

        let twoSandboxes = try ChildProcess.yeyak(["sandbox", "--port", "\(port)"])
        XCTAssertEqual(twoSandboxes.status, 1)
        XCTAssertEqual(twoSandboxes.standardError.split(separator: "\n").count, 1, twoSandboxes.standardError)
        sandbox.signal(SIGTERM)
        XCTAssertEqual(sandbox.waitForExit(), 0)
    }

    func testSandboxServesTheSDKAndConfirmsWithTheDocsKeysAndAddedKeys() throws {
        let port = FreePort.find()
        let extraClient = "test_gck_extraMerchant01", extraSecret = "test_gsk_extraMerchant01"
        let sandbox = try RunningProcess(ChildProcess.yeyakBinary, ["sandbox", "--port", "\(port)", "--key", "\(extraClient):\(extraSecret)",
                                              "--webhook-time-scale", "0.001"])
        XCTAssertTrue(sandbox.waitFor("Stop with Ctrl-C."), sandbox.printed)
        let base = "http://127.0.0.1:\(port)"
        XCTAssertTrue(sandbox.printed.contains("SDK script (toss.sdkURL): \(base)/v2/standard"), sandbox.printed)
        XCTAssertTrue(sandbox.printed.contains("API base (TOSS_API_BASE): \(base)"))
        XCTAssertTrue(sandbox.printed.contains("\(Self.widgetClient) / \(Self.widgetSecret)"))
        XCTAssertTrue(sandbox.printed.contains(extraClient))
        XCTAssertFalse(sandbox.printed.contains(extraSecret), "a secret given with --key is not echoed")

        let sdk = try http(port, "GET", "/v2/standard")
        XCTAssertEqual(sdk.status, 200)
        XCTAssertTrue(sdk.header("Content-Type")?.hasPrefix("application/javascript") == true)

        for (client, secret, orderId) in [(Self.widgetClient, Self.widgetSecret, "order-docs-0001"),
                                          (extraClient, extraSecret, "order-extra-0001")] {
            let session = try json(http(port, "POST", "/__sandbox/sessions", json: [
                "clientKey": client, "orderId": orderId, "orderName": "집밥 2인", "amount": 20000,
                "successUrl": "http://127.0.0.1:1/ok", "failUrl": "http://127.0.0.1:1/fail",
            ]))
            let sessionId = try XCTUnwrap(session["sessionId"] as? String, "\(session)")
            let approved = try json(http(port, "POST", "/__sandbox/sessions/\(sessionId)/approve", json: [:]))
            let paymentKey = try XCTUnwrap(approved["paymentKey"] as? String)
            let auth = "Authorization: Basic \(Data((secret + ":").utf8).base64EncodedString())\r\n"
            let confirmed = try http(port, "POST", "/v1/payments/confirm",
                                     json: ["paymentKey": paymentKey, "orderId": orderId, "amount": 20000], headers: auth)
            XCTAssertEqual(confirmed.status, 200, confirmed.bodyText)
            XCTAssertEqual(try json(confirmed)["status"] as? String, "DONE")
            let again = try http(port, "POST", "/v1/payments/confirm",
                                 json: ["paymentKey": paymentKey, "orderId": orderId, "amount": 20000], headers: auth)
            XCTAssertEqual(try json(again)["code"] as? String, "ALREADY_PROCESSED_PAYMENT")
        }
        let unknown = try http(port, "POST", "/v1/payments/confirm", json: ["paymentKey": "x", "orderId": "order-0001", "amount": 1],
                               headers: "Authorization: Basic \(Data("test_gsk_nobody:".utf8).base64EncodedString())\r\n")
        XCTAssertEqual(unknown.status, 401)

        sandbox.signal(SIGTERM)
        XCTAssertEqual(sandbox.waitForExit(), 0, sandbox.printed)
    }

    func testUsageAndSetupErrors() throws {
        for (arguments, status) in [(["sandbox", "--key", "nocolon"], Int32(2)), (["sandbox", "--key", "test_ck_a:test_gsk_b"], 2),
                                    (["sandbox", "--webhook-time-scale", "-1"], 2), (["dev", "--port", "0"], 2),
                                    (["dev", "--port", "9000", "--sandbox-port", "9000"], 2)] {
            let result = try ChildProcess.yeyak(arguments)
            XCTAssertEqual(result.status, status, "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        }
        let real = try ChildProcess.yeyak(["dev", "--real-toss", "--content", root.appendingPathComponent("content").path],
                                          environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(real.status, 1)
        XCTAssertTrue(real.standardError.contains("--real-toss needs TOSS_SECRET_KEY"), real.standardError)
        XCTAssertTrue(try ChildProcess.yeyak(["--help"]).standardOutput.contains("dev"))
        XCTAssertTrue(try ChildProcess.yeyak(["sandbox", "--help"]).standardOutput.contains("--key CLIENT:SECRET"))
    }

    // MARK: - HTTP

    func http(_ port: Int, _ method: String, _ target: String, json: [String: Any]? = nil, headers: String = "") throws -> RawHTTPResponse {
        var body = ""
        var head = headers
        if let json {
            body = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
            head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        }
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(head)Connection: close\r\n\r\n\(body)"
        return try XCTUnwrap(RawHTTPClient.exchange(port: port, request, timeout: 10))
    }

    func json(_ response: RawHTTPResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], response.bodyText)
    }
}

/// The choice between the sandbox and the real Toss test API.
final class DevTossModeTests: XCTestCase {
    let widgetClient = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"

    func testTheSandboxUnlessAskedAndGivenMatchingTestKeys() throws {
        XCTAssertEqual(try DevTossMode.choose(realToss: false, environment: ["TOSS_SECRET_KEY": "test_gsk_mine"], clientKey: widgetClient),
                       .sandbox, "a secret alone does not leave the sandbox")
        XCTAssertEqual(try DevTossMode.choose(realToss: true, environment: ["TOSS_SECRET_KEY": "test_gsk_mine"], clientKey: widgetClient),
                       .realTest(secretKey: "test_gsk_mine", apiBase: URL(string: "https://api.tosspayments.com")!))
        XCTAssertEqual(try DevTossMode.choose(realToss: true, environment: ["TOSS_SECRET_KEY": "test_sk_mine", "TOSS_API_BASE": "http://127.0.0.1:1"],
                                              clientKey: "test_ck_mine"),
                       .realTest(secretKey: "test_sk_mine", apiBase: URL(string: "http://127.0.0.1:1")!))
        let refused: [([String: String], String)] = [
            ([:], widgetClient), (["TOSS_SECRET_KEY": ""], widgetClient),
            (["TOSS_SECRET_KEY": "live_gsk_mine"], "live_gck_mine"),
            (["TOSS_SECRET_KEY": "test_gsk_mine"], "live_gck_mine"),
            (["TOSS_SECRET_KEY": "test_sk_mine"], widgetClient),
        ]
        for (environment, client) in refused {
            XCTAssertThrowsError(try DevTossMode.choose(realToss: true, environment: environment, clientKey: client), "\(environment) \(client)")
        }
    }
}
