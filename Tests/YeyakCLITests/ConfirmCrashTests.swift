import BookingStore
import Foundation
import TestSupport
import XCTest

/// Invariants 3 and 7 with real processes: `yeyak serve` is SIGKILLed after it stored
/// CONFIRMING and Toss (the `yeyak sandbox` process) applied the confirm, before the answer
/// arrived. After a restart the reconciler must find the payment and mark the booking PAID.
final class ConfirmCrashTests: XCTestCase {
    let root = SharedFolder.projectRoot

    static func request(_ port: Int, _ method: String, _ target: String, json: String? = nil) throws -> RawHTTPResponse? {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let json { text += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n" }
        text += "\r\n" + (json ?? "")
        return try RawHTTPClient.exchange(port: port, text, timeout: 20)
    }

    func object(_ response: RawHTTPResponse?) throws -> [String: Any] { try Self.object(response) }

    static func object(_ response: RawHTTPResponse?) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(XCTUnwrap(response).body)) as? [String: Any])
    }

    /// A `yeyak sandbox` process and a database for `yeyak serve` processes pointed at it.
    struct Stack {
        let folder: TemporaryDirectory
        let database: String
        let sandboxPort: Int
        let servicePort: Int
        let sandbox: RunningProcess
        let serveArguments: [String]
        let environment: [String: String]

        init(root: URL) throws {
            folder = try TemporaryDirectory()
            database = folder.url.appendingPathComponent("yeyak.sqlite").path
            sandboxPort = FreePort.find()
            var candidate = FreePort.find()
            while candidate == sandboxPort { candidate = FreePort.find() }
            servicePort = candidate
            sandbox = try RunningProcess(ChildProcess.yeyakBinary, ["sandbox", "--port", "\(sandboxPort)", "--hang-seconds", "30"])
            XCTAssertTrue(sandbox.waitFor("SANDBOX"), sandbox.printed)
            serveArguments = ["serve", "--content", root.appendingPathComponent("content").path, "--db", database,
                              "--port", "\(servicePort)", "--templates", root.appendingPathComponent("site-templates").path]
            environment = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:\(sandboxPort)"]
        }

        func startService() throws -> RunningProcess {
            let service = try RunningProcess(ChildProcess.yeyakBinary, serveArguments, environment: environment)
            XCTAssertTrue(service.waitFor("listening on"), service.printed)
            return service
        }

        /// Polls the sandbox until Toss shows `status` for the order (at most 10 s).
        func waitForTossStatus(_ orderId: String, _ status: String) throws -> String {
            var seen = ""
            for _ in 0..<200 where seen != status {
                Thread.sleep(forTimeInterval: 0.05)
                let payments = try ConfirmCrashTests.object(try ConfirmCrashTests.request(sandboxPort, "GET", "/__sandbox/payments"))
                let list = payments["payments"] as? [[String: Any]] ?? []
                seen = list.first { $0["orderId"] as? String == orderId }?["status"] as? String ?? ""
            }
            return seen
        }

        /// SIGKILLs the service, lifts the sandbox's faults, and reads what the crash left.
        func kill(_ service: RunningProcess, orderId: String) throws -> Booking? {
            service.signal(SIGKILL)
            service.waitForExit()
            _ = try ConfirmCrashTests.request(sandboxPort, "POST", "/__sandbox/faults", json: #"{"mode":"none"}"#)
            let store = try SQLiteBookingStore(path: database)
            defer { store.close() }
            return try awaitResult { try await store.booking(orderId: orderId, now: Date()) }
        }

        /// A guest holds two seats of the last jipbap slot and approves in the payment window.
        func holdAndApprove(customerKey: String) throws -> (orderId: String, amount: Int, redirect: URL) {
            let availability = try ConfirmCrashTests.object(try ConfirmCrashTests.request(servicePort, "GET", "/api/availability?restaurant=jipbap"))
            let slotId = try XCTUnwrap((availability["slots"] as? [[String: Any]])?.last?["slotId"] as? String)
            let hold = try ConfirmCrashTests.object(try ConfirmCrashTests.request(servicePort, "POST", "/api/reservations", json:
                #"{"slotId":"\#(slotId)","partySize":2,"customerKey":"\#(customerKey)","name":"김예약","phone":"010-1234-5678"}"#))
            let orderId = try XCTUnwrap(hold["orderId"] as? String)
            let amount = try XCTUnwrap(hold["amount"] as? Int)
            return (orderId, amount, try approve(orderId: orderId, amount: amount))
        }

        /// The guest approves in the sandbox's payment window; the redirect Toss would send.
        func approve(orderId: String, amount: Int) throws -> URL {
            let session = try ConfirmCrashTests.object(try ConfirmCrashTests.request(sandboxPort, "POST", "/__sandbox/sessions", json: """
                {"clientKey":"test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm","orderId":"\(orderId)","orderName":"x","amount":\(amount),
                 "successUrl":"http://127.0.0.1:\(servicePort)/restaurant/confirm/success/","failUrl":"http://127.0.0.1:\(servicePort)/restaurant/confirm/failed/"}
                """))
            let approved = try ConfirmCrashTests.object(try ConfirmCrashTests.request(
                sandboxPort, "POST", "/__sandbox/sessions/\(session["sessionId"] as! String)/approve"))
            return try XCTUnwrap(URL(string: approved["redirectUrl"] as! String))
        }
    }

    func testSIGKILLBetweenConfirmingAndTheAnswerEndsPaidAfterRestart() throws {
        let stack = try Stack(root: root)
        defer { stack.sandbox.signal(SIGTERM); stack.sandbox.waitForExit() }
        let (sandboxPort, servicePort) = (stack.sandboxPort, stack.servicePort)
        var service = try stack.startService()

        // A guest holds two seats and approves in the Toss window.
        let (orderId, amount, redirect) = try stack.holdAndApprove(customerKey: "guest_crash_1")

        // Toss applies the confirm but never answers; the guest's request waits.
        _ = try Self.request(sandboxPort, "POST", "/__sandbox/faults", json: #"{"mode":"applyThenTimeout","operations":["confirm"]}"#)
        let target = "/restaurant/confirm/success/?" + (redirect.query ?? "")
        let port = servicePort
        let pending = Thread { _ = try? Self.request(port, "GET", target) }
        pending.start()
        let status = try stack.waitForTossStatus(orderId, "DONE")
        XCTAssertEqual(status, "DONE", "Toss applied the confirm")

        let atCrash = try stack.kill(service, orderId: orderId)
        XCTAssertEqual(atCrash?.state, .confirming, "the crash left the booking CONFIRMING")

        // Restart: the reconciler runs at start and settles from Toss's truth.
        service = try stack.startService()
        XCTAssertTrue(service.waitFor("listening on"), service.printed)
        XCTAssertTrue(service.waitFor("1 settled"), service.printed)
        let booking = try object(try Self.request(servicePort, "GET", "/api/bookings/\(orderId)?customerKey=guest_crash_1"))
        XCTAssertEqual(booking["state"] as? String, "PAID")
        let log = try object(try Self.request(sandboxPort, "GET", "/__sandbox/log?orderId=\(orderId)"))
        XCTAssertEqual(log["appliedConfirms"] as? Int, 1, "charged exactly once")
        service.signal(SIGTERM)
        XCTAssertEqual(service.waitForExit(), 0)
    }

    /// Invariant 11 with real processes: `yeyak serve` is SIGKILLed while Toss (the sandbox) has
    /// applied a refund whose answer never came. The refund was recorded as CANCELLING before the
    /// call, so after the restart the reconciler finds Toss's cancel and the booking is CANCELLED.
    func testSIGKILLDuringADelayedRefundEndsCancelledAfterRestart() throws {
        let stack = try Stack(root: root)
        defer { stack.sandbox.signal(SIGTERM); stack.sandbox.waitForExit() }
        let (sandboxPort, servicePort) = (stack.sandboxPort, stack.servicePort)
        var service = try stack.startService()

        // A guest books and pays, well before the slot (a full refund).
        let (orderId, amount, redirect) = try stack.holdAndApprove(customerKey: "guest_refund_1")
        _ = try Self.request(servicePort, "GET", "/restaurant/confirm/success/?" + (redirect.query ?? ""))
        let paid = try object(try Self.request(servicePort, "GET", "/api/bookings/\(orderId)?customerKey=guest_refund_1"))
        XCTAssertEqual(paid["state"] as? String, "PAID")

        // The guest cancels; Toss applies the refund but never answers; the process dies.
        _ = try Self.request(sandboxPort, "POST", "/__sandbox/faults", json: #"{"mode":"applyThenTimeout","operations":["cancel"]}"#)
        let port = servicePort
        let pending = Thread { _ = try? Self.request(port, "POST", "/api/bookings/\(orderId)/cancel", json: #"{"customerKey":"guest_refund_1"}"#) }
        pending.start()
        let status = try stack.waitForTossStatus(orderId, "CANCELED")
        XCTAssertEqual(status, "CANCELED", "Toss applied the refund")
        let atCrash = try stack.kill(service, orderId: orderId)
        XCTAssertEqual(atCrash?.state, .cancelling, "the refund was recorded before Toss was called")

        service = try stack.startService()
        XCTAssertTrue(service.waitFor("listening on"), service.printed)
        XCTAssertTrue(service.waitFor("1 settled"), service.printed)
        let booking = try object(try Self.request(servicePort, "GET", "/api/bookings/\(orderId)?customerKey=guest_refund_1"))
        XCTAssertEqual(booking["state"] as? String, "CANCELLED", "CANCELLED exactly because Toss shows the cancel")
        XCTAssertEqual(booking["refundAmount"] as? Int, amount)
        service.signal(SIGTERM)
        XCTAssertEqual(service.waitForExit(), 0)
    }
}
