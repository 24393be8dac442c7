import BookingStore
import Foundation
import TestSupport
import XCTest

/// Invariant 12 with real processes: `yeyak serve` is SIGKILLed after an event's change was
/// committed and before it was delivered, and while the receiver holds the delivery unanswered.
/// After a restart the event arrives (again, with the same event id); nothing is lost. The
/// receiver is Python's http.server, which checks each signature with Python's `hmac`.
final class NotificationCrashTests: XCTestCase {
    let root = SharedFolder.projectRoot
    static let secret = "whsec_crash_test"

    static let receiver = """
        import http.server, json, sys, os, hmac, hashlib, time
        port, folder, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                parts = dict(p.split("=", 1) for p in self.headers["Yeyak-Signature"].split(","))
                expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
                fresh = abs(time.time() - int(parts["t"])) < 300
                mode = open(os.path.join(folder, "mode")).read().strip()
                with open(os.path.join(folder, "received.jsonl"), "a") as log:
                    log.write(json.dumps({"id": self.headers["Yeyak-Event-Id"], "mode": mode,
                                          "valid": hmac.compare_digest(expected, parts["v1"]) and fresh,
                                          "body": json.loads(body)}) + "\\n")
                if mode == "hang":
                    time.sleep(120)
                self.send_response(200 if mode == "ok" else 503)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        print("receiver ready", flush=True)
        server.serve_forever()
        """

    struct Received { let id: String; let mode: String; let valid: Bool; let body: [String: Any] }

    var folder: TemporaryDirectory!
    var database: String { folder.url.appendingPathComponent("yeyak.sqlite").path }
    var receiverPort = 0
    var servicePort = 0

    override func setUp() async throws {
        _ = try Python.interpreter()  // the receiver: skipped (locally) or failed (CI) before any process starts
        folder = try TemporaryDirectory()
        receiverPort = FreePort.find()
        repeat { servicePort = FreePort.find() } while servicePort == receiverPort
        _ = try folder.write("receiver.py", Self.receiver)
        setMode("ok")
    }

    func setMode(_ mode: String) { _ = try? folder.write("mode", mode) }

    func startReceiver() throws -> RunningProcess {
        let receiver = try RunningProcess(try Python.interpreter(), [
            "-u", folder.url.appendingPathComponent("receiver.py").path, "\(receiverPort)", folder.url.path, Self.secret,
        ])
        XCTAssertTrue(receiver.waitFor("receiver ready"), receiver.printed)
        return receiver
    }

    func startServer() throws -> RunningProcess {
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", root.appendingPathComponent("content").path, "--db", database, "--port", "\(servicePort)",
            "--templates", root.appendingPathComponent("site-templates").path,
            "--notify-url", "http://127.0.0.1:\(receiverPort)/hooks/yeyak", "--notify-retry-seconds", "1",
        ], environment: ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9",
                         "YEYAK_WEBHOOK_SECRET": Self.secret])
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        return server
    }

    var received: [Received] {
        guard let text = try? String(contentsOf: folder.url.appendingPathComponent("received.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Received(id: object["id"] as? String ?? "", mode: object["mode"] as? String ?? "",
                            valid: object["valid"] as? Bool ?? false, body: object["body"] as? [String: Any] ?? [:])
        }
    }

    func waitUntil(_ timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// A guest holds seats and lets them go: `booking.released` is committed with the change.
    func holdAndRelease() throws -> String {
        let slots = try object(try ConfirmCrashTests.request(servicePort, "GET", "/api/availability?restaurant=jipbap"))["slots"] as! [[String: Any]]
        let slotId = try XCTUnwrap(slots.last?["slotId"] as? String)
        let hold = try object(try ConfirmCrashTests.request(servicePort, "POST", "/api/reservations", json:
            #"{"slotId":"\#(slotId)","partySize":2,"customerKey":"guest_notify_1","name":"김예약","phone":"010-1234-5678"}"#))
        let orderId = try XCTUnwrap(hold["orderId"] as? String)
        let cancelled = try ConfirmCrashTests.request(servicePort, "POST", "/api/bookings/\(orderId)/cancel",
                                                      json: #"{"customerKey":"guest_notify_1"}"#)
        XCTAssertEqual(cancelled?.status, 200)
        return orderId
    }

    func object(_ response: RawHTTPResponse?) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(XCTUnwrap(response).body)) as? [String: Any])
    }

    func storedEvents() throws -> [NotificationEvent] {
        let store = try SQLiteBookingStore(path: database)
        defer { store.close() }
        return try awaitResult { try await store.notifications(pendingOnly: false, limit: 10) }
    }

    func testSIGKILLBetweenCommitAndDeliveryLosesNoEventAndAFailingReceiverStillGetsIt() throws {
        // Nothing listens on the receiver's port: the event is committed and cannot go out.
        var server = try startServer()
        let orderId = try holdAndRelease()
        server.signal(SIGKILL)
        server.waitForExit()
        let atCrash = try storedEvents()
        XCTAssertEqual(atCrash.map(\.kind), [.released])
        XCTAssertNil(atCrash.first?.deliveredAt)

        // The receiver is back but answers 503 at first; then it recovers.
        setMode("fail")
        let receiver = try startReceiver()
        defer { receiver.signal(SIGTERM); receiver.waitForExit() }
        server = try startServer()
        defer { server.signal(SIGTERM); server.waitForExit() }
        XCTAssertTrue(waitUntil { received.count >= 1 }, server.printed)
        setMode("ok")
        XCTAssertTrue(waitUntil { received.contains { $0.mode == "ok" } }, server.printed)
        let all = received
        XCTAssertEqual(Set(all.map(\.id)), [atCrash[0].eventId], "one event, the same id every time")
        XCTAssertTrue(all.allSatisfy(\.valid), "every signature verified by Python's hmac")
        let booking = try XCTUnwrap(all.last?.body["booking"] as? [String: Any])
        XCTAssertEqual(booking["orderId"] as? String, orderId)
        XCTAssertEqual(all.last?.body["type"] as? String, "booking.released")
        let guest = (all.last?.body["messages"] as? [String: Any])?["guest"] as? String ?? ""
        XCTAssertTrue(guest.hasPrefix("[맛있는 집밥]"), guest)
        XCTAssertTrue(waitUntil { (try? self.storedEvents().first?.deliveredAt) != nil })
    }

    func testSIGKILLDuringDeliveryResendsTheSameEvent() throws {
        setMode("hang")
        let receiver = try startReceiver()
        defer { receiver.signal(SIGKILL); receiver.waitForExit() }
        var server = try startServer()
        _ = try holdAndRelease()
        // The receiver has the request and has not answered: the service dies now.
        XCTAssertTrue(waitUntil { received.count == 1 }, server.printed)
        server.signal(SIGKILL)
        server.waitForExit()
        setMode("ok")
        server = try startServer()
        defer { server.signal(SIGTERM); server.waitForExit() }
        XCTAssertTrue(waitUntil { received.contains { $0.mode == "ok" } }, server.printed)
        let all = received
        XCTAssertGreaterThanOrEqual(all.count, 2)
        XCTAssertEqual(Set(all.map(\.id)).count, 1, "the duplicate carries the same event id")
        XCTAssertTrue(all.allSatisfy(\.valid))
        XCTAssertTrue(waitUntil { (try? self.storedEvents().first?.deliveredAt) != nil })
        let list = try ChildProcess.yeyak(["notifications", "list", "--db", database])
        XCTAssertEqual(list.status, 0, list.standardError)
        XCTAssertTrue(list.standardOutput.contains("전달됨"), list.standardOutput)
        XCTAssertTrue(list.standardOutput.contains(all[0].id), list.standardOutput)
    }
}
