@testable import BookingStore
import Foundation
import HTTPServer
import TestSupport
import TossClient
import XCTest
import YeyakContent
@testable import BookingService

/// Invariant 1 over real sockets: many guests race for a small slot through our HTTP server.
final class HTTPOversellStormTests: XCTestCase {
    struct StormResult { var created = 0; var soldOut = 0; var other: [Int] = []; var seatsTaken = 0; var capacity = 0 }

    /// 96 guests at once, 1-2 seats each, for a slot of 6 seats.
    func storm(unsafeSkipTransactionGuard: Bool) async throws -> StormResult {
        let harness = try await PaymentHarness(seats: 6)
        defer { Task { await harness.close() } }
        var options = SQLiteBookingStore.Options()
        options.unsafeSkipTransactionGuard = unsafeSkipTransactionGuard
        let path = harness.folder.url.appendingPathComponent("storm.sqlite").path
        let store = try SQLiteBookingStore(path: path, options: options)
        defer { store.close() }
        let service = BookingService(content: harness.content, store: store, toss: harness.toss, resultPages: PlainResultPages())
        try await service.load(harness.content)
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: service, accessLog: nil)
        try server.start()
        let port = server.port
        let slotId = harness.slot.id

        let statuses = Self.fireStorm(port: port, slotId: slotId, guests: 96)
        await server.shutdown()
        let availability = try await store.availability(slotId: slotId, now: Date())!
        var result = StormResult()
        for status in statuses {
            switch status {
            case 201: result.created += 1
            case 409: result.soldOut += 1
            default: result.other.append(status)
            }
        }
        result.seatsTaken = availability.seatsTaken
        result.capacity = availability.capacity
        return result
    }


    /// Every guest connects first, then all send at once: as close to simultaneous as a test
    /// can make it (DispatchQueue.concurrentPerform would run only one guest per core).
    static func fireStorm(port: Int, slotId: String, guests: Int) -> [Int] {
        let statuses = LockedList<Int>()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for index in 0..<guests {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let body = #"{"slotId":"\#(slotId)","partySize":\#(index % 2 + 1),"customerKey":"guest_storm_\#(index)","name":"손님","phone":"010-1234-5678"}"#
                let request = "POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                guard let client = try? RawHTTPClient(port: port, timeout: 15) else { statuses.append(-1); return }
                start.wait()
                let status = (try? client.send(request)).flatMap { (try? client.readResponse()) ?? nil }?.status ?? -1
                statuses.append(status)
            }
            thread.start()
        }
        Thread.sleep(forTimeInterval: 0.3)  // let every thread connect
        for _ in 0..<guests { start.signal() }
        done.wait()
        return statuses.values
    }

    func testExactlyCapacitySeatsAreHeldAndEveryoneElseHears409() async throws {
        let result = try await storm(unsafeSkipTransactionGuard: false)
        XCTAssertEqual(result.other, [], "no errors, only 201 or 409")
        XCTAssertEqual(result.seatsTaken, result.capacity, "the slot sells out exactly")
        XCTAssertEqual(result.created + result.soldOut, 96)
        XCTAssertGreaterThan(result.soldOut, 0)
    }

    /// Negative control: with the check-then-write guard disabled (a test-only switch), the same
    /// storm oversells. If this ever stops failing, the storm above no longer proves anything.
    func testWithoutTheTransactionGuardTheSameStormOversells() async throws {
        var oversold = false
        for _ in 0..<3 where !oversold {
            let result = try await storm(unsafeSkipTransactionGuard: true)
            oversold = result.seatsTaken > result.capacity
        }
        XCTAssertTrue(oversold, "the unguarded storm should have sold more seats than the slot has")
    }
}
