import Foundation
import TestSupport
import XCTest

/// `yeyak serve` as an operator runs it: secrets, reload on SIGHUP, graceful stop.
final class ServeCommandTests: XCTestCase {
    let root = SharedFolder.projectRoot
    let secret = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"]

    func copyOfContent() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: folder.url.appendingPathComponent("content"))
        return folder
    }

    func availability(_ port: Int, _ restaurant: String) throws -> [String] {
        guard let response = try RawHTTPClient.exchange(
            port: port, "GET /api/availability?restaurant=\(restaurant) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") else { return [] }
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (object?["slots"] as? [[String: Any]] ?? []).compactMap { $0["slotId"] as? String }
    }

    func testSIGHUPReloadsContentAndSIGTERMStopsGracefully() throws {
        let folder = try copyOfContent()
        let port = FreePort.find()
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path,
        ], environment: secret)
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        let before = try availability(port, "jipbap")
        XCTAssertFalse(before.contains("jipbap.window2.20991224.1900"))

        // An editor adds a one-off slot, then the operator reloads.
        let file = folder.url.appendingPathComponent("content/restaurants/jipbap.json")
        let edited = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\"weekly\": [", with: "\"slots\": [{ \"table\": \"window2\", \"start\": \"2099-12-24T19:00\", \"seats\": 2 }],\n  \"weekly\": [")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        XCTAssertTrue(server.waitFor("reloaded content: 1 slots added"), server.printed)
        XCTAssertTrue(try availability(port, "jipbap").contains("jipbap.window2.20991224.1900"))

        // Broken content is refused on reload and the old content keeps serving.
        try "{ broken".write(to: file, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        XCTAssertTrue(server.waitFor("reload refused"), server.printed)
        XCTAssertTrue(try availability(port, "jipbap").contains("jipbap.window2.20991224.1900"))

        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)
        XCTAssertTrue(server.printed.contains("stopped"))
    }

    /// The defaults an operator gets: the hold limits are on (a 4th live hold with one phone number
    /// is a 429 with Retry-After), and SIGHUP refuses the issue's drum2 -> drum-2 rename while the
    /// drum2 slots have bookings, naming the file, the table and the booking.
    func testHoldLimitsAreOnByDefaultAndSIGHUPRefusesARenameThatWouldOversell() throws {
        let folder = try copyOfContent()
        let port = FreePort.find()
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path,
        ], environment: secret)
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        let slots = try availability(port, "euljiro-gogi").filter { $0.contains(".drum2.") }
        var answers: [RawHTTPResponse] = []
        for (index, slot) in slots.prefix(4).enumerated() {
            let body = #"{"slotId":"\#(slot)","partySize":2,"customerKey":"serve_guest_\#(index)","name":"김예약","phone":"010-3333-4444"}"#
            answers.append(try XCTUnwrap(try RawHTTPClient.exchange(port: port,
                "POST /api/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")))
        }
        XCTAssertEqual(answers.map(\.status), [201, 201, 201, 429], answers.last?.bodyText ?? "")
        XCTAssertEqual(answers.last?.header("Retry-After").flatMap(Int.init).map { $0 > 800 && $0 <= 900 }, true)
        XCTAssertTrue(answers.last?.bodyText.contains("이 전화번호로") == true, answers.last?.bodyText ?? "")
        let firstOrder = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(answers[0].body)) as? [String: Any])?["orderId"] as? String)

        let file = folder.url.appendingPathComponent("content/restaurants/euljiro-gogi.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "\"drum2\"", with: "\"drum-2\"").write(to: file, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        XCTAssertTrue(server.waitFor("reload refused"), server.printed)
        XCTAssertTrue(server.printed.contains("restaurants/euljiro-gogi.json: tables: 테이블 'drum2'이(가) 없어졌지만"), server.printed)
        XCTAssertTrue(server.printed.contains(firstOrder), server.printed)
        XCTAssertTrue(try availability(port, "euljiro-gogi").contains(slots[0]), "the old content keeps serving")

        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)
        let badProxy = try ChildProcess.yeyak(["serve", "--trusted-proxy", "nginx.local"], environment: secret)
        XCTAssertEqual(badProxy.status, 2, badProxy.standardError)
        XCTAssertTrue(badProxy.standardError.contains("--trusted-proxy must be a numeric IPv4 or IPv6 address"), badProxy.standardError)
    }

    func page(_ port: Int, _ target: String) throws -> (status: Int, html: String) {
        let response = try XCTUnwrap(try RawHTTPClient.exchange(
            port: port, "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// An operator who edits `error.mustache` or `result.mustache` and sends SIGHUP sees the new
    /// page, and a template that does not parse is refused with the old pages kept; every error
    /// page prints the status it is sent with.
    func testSIGHUPReloadsTheResultTemplatesWithTheContent() throws {
        let folder = try copyOfContent()
        let templates = folder.url.appendingPathComponent("site-templates")
        try FileManager.default.copyItem(at: root.appendingPathComponent("site-templates"), to: templates)
        let port = FreePort.find()
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(port)",
            "--templates", templates.path,
        ], environment: secret)
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        let unknownOrder = "/restaurant/confirm/success/?paymentKey=pk_x&orderId=AAAAAAAAAAAAAAAAAAAAAAAA&amount=1000"
        let before = try page(port, unknownOrder)
        XCTAssertEqual(before.status, 404)
        XCTAssertTrue(before.html.contains("<h1>예약을 찾을 수 없습니다</h1>"), "the page says in Korean what happened: \(before.html)")
        XCTAssertFalse(before.html.contains("오류 404"), "the status is sent, not printed")
        XCTAssertTrue(try page(port, "/nowhere").html.contains("페이지를 찾을 수 없습니다"))
        let badRequest = try page(port, "/restaurant/confirm/success/?orderId=x")
        XCTAssertEqual(badRequest.status, 400)
        XCTAssertTrue(badRequest.html.contains("잘못된 결제 요청입니다"))
        XCTAssertFalse(badRequest.html.contains("오류 400"))

        let errorTemplate = templates.appendingPathComponent("error.mustache")
        let original = try String(contentsOf: errorTemplate, encoding: .utf8)
        try original.replacingOccurrences(of: "식당 목록으로 돌아가기", with: "처음 화면으로 (새 문구)")
            .write(to: errorTemplate, atomically: true, encoding: .utf8)
        XCTAssertFalse(try page(port, unknownOrder).html.contains("새 문구"), "templates are read at load, not per request")
        server.signal(SIGHUP)
        XCTAssertTrue(server.waitFor("reloaded content"), server.printed)
        XCTAssertTrue(try page(port, unknownOrder).html.contains("처음 화면으로 (새 문구)"), "SIGHUP re-reads the result templates")

        // A template that does not parse: the reload is refused and the last good pages stay.
        try "{{#error}} never closed".write(to: errorTemplate, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        XCTAssertTrue(server.waitFor("reload refused"), server.printed)
        XCTAssertTrue(try page(port, unknownOrder).html.contains("처음 화면으로 (새 문구)"))

        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)
    }

    /// Outside systemd (umask 022) the folder the service creates is 0700 and the database with
    /// its -wal and -shm files 0600.
    func testDatabaseFilesArePrivate() throws {
        let folder = try copyOfContent()
        let port = FreePort.find()
        let data = folder.path + "/data/nested"
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", folder.path + "/content", "--db", data + "/yeyak.sqlite", "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path,
        ], environment: secret)
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        _ = try availability(port, "jipbap")
        func mode(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).flatMap { $0 }.map { $0 & 0o777 }
        }
        XCTAssertEqual(mode(data), 0o700)
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertEqual(mode(data + "/yeyak.sqlite" + suffix), 0o600, "yeyak.sqlite\(suffix)")
        }
        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)
    }

    /// `/metrics` is not on the public port; `--metrics-listen` serves it, and made-up methods
    /// share one label (300 of them once added 305 series).
    func testMetricsListenAndBoundedMethodLabels() throws {
        let folder = try copyOfContent()
        let port = FreePort.find()
        let metricsPort = FreePort.find()
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path, "--metrics-listen", "127.0.0.1:\(metricsPort)",
        ], environment: secret)
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        let request = "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        XCTAssertEqual(try RawHTTPClient.exchange(port: port, request)?.status, 404, "not on the public port")
        for index in 0..<40 {
            _ = try RawHTTPClient.exchange(port: port, "MADEUP\(index) /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        }
        let page = try XCTUnwrap(RawHTTPClient.exchange(port: metricsPort, request))
        XCTAssertEqual(page.status, 200)
        let text = page.bodyText
        XCTAssertTrue(text.contains(#"yeyak_http_requests_total{method="OTHER",route="/healthz",status="405"} 40"#), text)
        XCTAssertFalse(text.contains("MADEUP"), text)
        XCTAssertEqual(try RawHTTPClient.exchange(port: metricsPort, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?.status, 404)
        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)
    }

    /// An env file other users can read is refused with the command that fixes it; a
    /// TOSS_API_BASE that does not parse, or plain http to a remote host, is refused too.
    func testEnvFileReadableByOthersAndBadTossBaseAreRefused() throws {
        let folder = try copyOfContent()
        let common = ["serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(FreePort.find())",
                      "--templates", root.appendingPathComponent("site-templates").path]
        let envFile = folder.path + "/secret.env"
        try folder.write("secret.env", "TOSS_SECRET_KEY=test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6\nTOSS_API_BASE=http://api.tosspayments.com\n")
        chmod(envFile, 0o644)
        let open = try ChildProcess.yeyak(common + ["--env-file", envFile], environment: [:])
        XCTAssertEqual(open.status, 1)
        XCTAssertTrue(open.standardError.contains("chmod 600 \(envFile)"), open.standardError)
        XCTAssertFalse(open.standardError.contains("OaPz8L5KdmQXkzRz3y47BMw6"), "the secret is never printed")

        chmod(envFile, 0o600)
        let remoteHTTP = try ChildProcess.yeyak(common + ["--env-file", envFile], environment: [:])
        XCTAssertEqual(remoteHTTP.status, 1)
        XCTAssertTrue(remoteHTTP.standardError.contains("TOSS_API_BASE") && remoteHTTP.standardError.contains("https"), remoteHTTP.standardError)
        let unparsable = try ChildProcess.yeyak(common, environment: ["TOSS_SECRET_KEY": "k", "TOSS_API_BASE": "::not a url"])
        XCTAssertEqual(unparsable.status, 1)
        XCTAssertTrue(unparsable.standardError.contains("TOSS_API_BASE"), unparsable.standardError)
    }

    func testSecretsComeFromTheEnvironmentOrAFileOutsideTheSite() throws {
        let folder = try copyOfContent()
        let common = ["serve", "--content", folder.path + "/content", "--db", folder.path + "/db.sqlite", "--port", "\(FreePort.find())",
                      "--templates", root.appendingPathComponent("site-templates").path]
        let noSecret = try ChildProcess.yeyak(common, environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(noSecret.status, 1)
        XCTAssertTrue(noSecret.standardError.contains("TOSS_SECRET_KEY is not set"), noSecret.standardError)

        try folder.write("content/secret.env", "TOSS_SECRET_KEY=test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6\n")
        let published = try ChildProcess.yeyak(common + ["--env-file", folder.path + "/content/secret.env"], environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(published.status, 1)
        XCTAssertTrue(published.standardError.contains("published"), published.standardError)
        XCTAssertFalse(published.standardError.contains("OaPz8L5KdmQXkzRz3y47BMw6"), "the secret is never printed")
    }
}
