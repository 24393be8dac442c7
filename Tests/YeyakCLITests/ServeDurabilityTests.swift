import BookingStore
import Foundation
import TestSupport
import XCTest

/// Invariants 1 and 7 across a crash: `yeyak serve` is SIGKILLed in the middle of a storm of
/// holds and restarted on the same database. Every hold that got a 201 must still be there,
/// and no slot may be over capacity.
final class ServeDurabilityTests: XCTestCase {
    let root = SharedFolder.projectRoot

    func startServer(database: String, port: Int) throws -> RunningProcess {
        let server = try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", root.appendingPathComponent("content").path, "--db", database, "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path,
            // The storm comes from one loopback address with one phone number: no hold limits here.
            "--no-hold-limits",
        ], environment: ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"])
        XCTAssertTrue(server.waitFor("listening on"), server.printed)
        return server
    }

    func testEveryAcknowledgedHoldSurvivesSIGKILLAndNoSlotIsOversold() throws {
        let folder = try TemporaryDirectory()
        let database = folder.url.appendingPathComponent("yeyak.sqlite").path
        let port = FreePort.find()
        var server = try startServer(database: database, port: port)

        // Every slot of every sample restaurant, so writes are still flowing when the server dies.
        var found: [String] = []
        for restaurant in ["jipbap", "sushi-hana", "euljiro-gogi"] {
            let availability = try XCTUnwrap(try RawHTTPClient.exchange(
                port: port, "GET /api/availability?restaurant=\(restaurant) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            let slots = (try JSONSerialization.jsonObject(with: Data(availability.body)) as! [String: Any])["slots"] as! [[String: Any]]
            found += slots.map { $0["slotId"] as! String }
        }
        let slotIds = found
        XCTAssertGreaterThan(slotIds.count, 100)

        // 32 guests keep holding seats until the server dies under them.
        let acknowledged = LockedList<String>()
        let stop = LockedFlag()
        let group = DispatchGroup()
        for worker in 0..<32 {
            group.enter()
            Thread {
                defer { group.leave() }
                var attempt = 0
                while !stop.isSet {
                    attempt += 1
                    let body = #"{"slotId":"\#(slotIds[attempt % slotIds.count])","partySize":\#(attempt % 2 + 1),"customerKey":"guest_\#(worker)_\#(attempt)","name":"손님","phone":"010-1234-5678"}"#
                    let request = "POST /api/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                    guard let response = try? RawHTTPClient.exchange(port: port, request, timeout: 5) else {
                        if stop.isSet { return }
                        Thread.sleep(forTimeInterval: 0.01)
                        continue
                    }
                    if response.status == 201,
                       let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                       let orderId = object["orderId"] as? String {
                        acknowledged.append(orderId)
                    }
                }
            }.start()
        }
        Thread.sleep(forTimeInterval: 0.6)
        server.signal(SIGKILL)
        server.waitForExit()
        stop.set()
        group.wait()
        XCTAssertGreaterThan(acknowledged.values.count, 5, "the storm was running when the server died")
        print("durability: \(acknowledged.values.count) holds acknowledged before SIGKILL")

        // Restart on the same database; then read it directly.
        server = try startServer(database: database, port: port)
        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)

        let store = try SQLiteBookingStore(path: database)
        defer { store.close() }
        for orderId in acknowledged.values {
            let booking = try awaitResult { try await store.booking(orderId: orderId, now: Date()) }
            XCTAssertNotNil(booking, "hold \(orderId) was acknowledged with 201 but is gone after the crash")
        }
        for restaurant in ["jipbap", "sushi-hana", "euljiro-gogi"] {
            for slot in try awaitResult({ try await store.availability(restaurant: restaurant, now: Date()) }) {
                XCTAssertLessThanOrEqual(slot.seatsTaken, slot.capacity, "slot \(slot.slotId) oversold")
            }
        }
    }
}
