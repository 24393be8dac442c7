import BookingStore
import Foundation
import TestSupport
import XCTest

/// Several `yeyak serve` instances on one PostgreSQL database (issue 15): they start together
/// (migrations and the content sync under advisory locks), sell one slot to 96 guests spread
/// over the three while one instance is SIGKILLed mid-storm, and an instance whose clock is 5 s
/// ahead cannot sell the seats of holds that are still live by the database's clock.
final class PostgresInstancesTests: XCTestCase {
    let root = SharedFolder.projectRoot

    func startInstance(url: String, port: Int, clockOffset: Int? = nil) throws -> RunningProcess {
        var environment = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"]
        if let clockOffset { environment["YEYAK_CLOCK_OFFSET_SECONDS"] = "\(clockOffset)" }
        return try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", root.appendingPathComponent("content").path, "--db", url, "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path, "--hold-minutes", "1",
            // The storm comes from one loopback address with one phone number: no hold limits here.
            "--no-hold-limits",
        ], environment: environment)
    }

    static func hold(port: Int, slotId: String, party: Int, guest: String) -> (status: Int, orderId: String?)? {
        let body = #"{"slotId":"\#(slotId)","partySize":\#(party),"customerKey":"guest_\#(guest)","name":"손님","phone":"010-1234-5678"}"#
        let request = "POST /api/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        guard let response = try? RawHTTPClient.exchange(port: port, request, timeout: 10) else { return nil }
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (response.status, object?["orderId"] as? String)
    }

    func slots(port: Int, restaurant: String) throws -> [[String: Any]] {
        let availability = try XCTUnwrap(try RawHTTPClient.exchange(
            port: port, "GET /api/availability?restaurant=\(restaurant) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        return (try JSONSerialization.jsonObject(with: Data(availability.body)) as! [String: Any])["slots"] as! [[String: Any]]
    }

    func testThreeInstancesOneSlotOneSIGKILLedAndASkewedClockNeverOversell() throws {
        let cluster: PostgresCluster
        do { cluster = try PostgresCluster.shared() } catch let skip as XCTSkip { throw skip }
        let url = try cluster.createDatabase()
        let ports = (0..<3).map { _ in FreePort.find() }
        // Started together: each migrates and syncs the content at the same moment.
        var instances = try ports.map { try startInstance(url: url, port: $0) }
        for instance in instances { XCTAssertTrue(instance.waitFor("listening on"), instance.printed) }

        let available = try slots(port: ports[0], restaurant: "jipbap")
        XCTAssertGreaterThan(available.count, 2)
        let stormSlot = available[0]["slotId"] as! String
        let skewSlot = available[1]["slotId"] as! String
        let skewCapacity = available[1]["seatsLeft"] as! Int

        // The skew drill's holds first (1-minute holds, on a correct instance): they fill the slot.
        var skewHeld = 0
        var skewGuest = 0
        while skewHeld < skewCapacity {
            skewGuest += 1
            let answer = try XCTUnwrap(Self.hold(port: ports[1], slotId: skewSlot, party: 1, guest: "skew\(skewGuest)"))
            XCTAssertEqual(answer.status, 201)
            skewHeld += 1
        }
        let skewHeldAt = Date()

        // 96 guests on one slot over the three instances; instance 0 dies mid-storm and its
        // guests go on to the next instance, as the nginx upstream would send them.
        let acknowledged = LockedList<String>()
        let group = DispatchGroup()
        for guest in 0..<96 {
            group.enter()
            Thread {
                defer { group.leave() }
                for attempt in 0..<3 {
                    let port = ports[(guest + attempt) % 3]
                    guard let answer = Self.hold(port: port, slotId: stormSlot, party: guest % 2 + 1, guest: "storm\(guest)") else {
                        continue  // that instance is gone: the next one
                    }
                    if answer.status == 201, let orderId = answer.orderId { acknowledged.append(orderId) }
                    return
                }
            }.start()
            if guest == 30 {
                instances[0].signal(SIGKILL)
            }
        }
        group.wait()
        instances[0].waitForExit()
        XCTAssertGreaterThan(acknowledged.values.count, 0)

        // Instance 2's clock is 5 s ahead. At 57 s the skew slot's holds are live by the
        // database's clock (3 s left) but lapsed by this instance's: it must still sell nothing.
        instances[2].signal(SIGTERM)
        XCTAssertEqual(instances[2].waitForExit(), 0)
        instances[2] = try startInstance(url: url, port: ports[2], clockOffset: 5)
        XCTAssertTrue(instances[2].waitFor("listening on"), instances[2].printed)
        let wait = 57 - Date().timeIntervalSince(skewHeldAt)
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        XCTAssertLessThan(Date().timeIntervalSince(skewHeldAt), 59, "the machine was too slow to look inside the 5 s window")
        for guest in 0..<8 {
            let answer = try XCTUnwrap(Self.hold(port: ports[2], slotId: skewSlot, party: 1, guest: "late\(guest)"))
            XCTAssertEqual(answer.status, 409, "the skewed instance sold a seat of a live hold")
        }

        for instance in instances.dropFirst() {
            instance.signal(SIGTERM)
            instance.waitForExit()
        }
        let store = try PostgresBookingStore(url: url, options: .init(connections: 2))
        defer { store.close() }
        for orderId in acknowledged.values {
            let booking = try awaitResult { try await store.booking(orderId: orderId, now: Date()) }
            XCTAssertNotNil(booking, "hold \(orderId) was acknowledged with 201 but is not in the database")
        }
        let storm = try XCTUnwrap(try awaitResult { try await store.availability(slotId: stormSlot, now: Date()) })
        XCTAssertEqual(storm.seatsTaken, storm.capacity, "the storm fills the slot exactly")
        let skew = try XCTUnwrap(try awaitResult {
            try await store.bookings(BookingFilter(states: [.ready, .expired], now: Date()))
        }.filter { $0.slotId == skewSlot })
        XCTAssertEqual(skew.count, skewCapacity, "no hold was sold past the skew slot's capacity")
        print("three instances: \(acknowledged.values.count) holds acknowledged in the storm, slot \(storm.seatsTaken)/\(storm.capacity)")
    }
}
