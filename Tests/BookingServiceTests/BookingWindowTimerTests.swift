import BookingStore
import CivilTime
import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest
import YeyakContent
@testable import BookingService

/// Issue 19, "the booking window moves by itself": a running stack whose clock crosses Seoul
/// midnight sells the new last day of a "nextDays" rule without SIGHUP, and stops offering a
/// slot once it has started. The control without the timer shows the window stays put.
final class BookingWindowTimerTests: XCTestCase {
    static let restaurant = """
        {"name": "을지로 연탄고기", "description": "고기", "address": "서울", "phone": "02-2266-4592",
         "refundPolicy": {"fullRefundHoursBefore": 12, "penaltyPercent": 10},
         "tables": [{"id": "drum4", "name": "드럼통 4인석", "seats": 4, "depositPerPerson": 10000}],
         "weekly": [{"days": ["mon-sun"], "times": ["19:00"], "seats": 12, "nextDays": 3}]}
        """
    /// 2026-03-10 23:59:00 in Seoul (14:59 UTC): the rule sells 10, 11 and 12 March.
    static let beforeMidnight = Date(timeIntervalSince1970: 1_773_154_740)
    static let newLastDay = "gogi.drum4.20260313.1900"

    var folder: TemporaryDirectory!
    var stack: ServiceStack?
    var clock: ManualClock!
    let lines = LockedList<String>()
    var guest = 0

    func open(timer: Bool) async throws -> ServiceStack {
        folder = try TemporaryDirectory(prefix: "yeyak-window")
        try folder.write("content/site.json", """
            {"title": "예약", "baseURL": "http://127.0.0.1:1/", "serviceURL": "http://127.0.0.1:1",
             "timeZone": "Asia/Seoul", "toss": {"clientKey": "\(MerchantKeys.docsWidget.clientKey)", "sdkURL": "http://127.0.0.1:1/v2/standard"}}
            """)
        try folder.write("content/restaurants/gogi.json", Self.restaurant)
        clock = ManualClock(Self.beforeMidnight)
        var options = ServiceStack.Options(
            contentDirectory: folder.url.appendingPathComponent("content"), databasePath: folder.url.appendingPathComponent("yeyak.sqlite").path,
            toss: TossClientConfiguration(secretKey: MerchantKeys.docsWidget.secretKey, baseURL: URL(string: "http://127.0.0.1:9")!),
            resultPages: { _ in PlainResultPages() })
        options.storeOptions.holdLimits = HoldLimits.off
        options.clock = clock
        // Re-reads the manual clock every 5 ms instead of every minute.
        options.windowSleeper = timer ? WallClockSleeper(recheckEvery: 0.005) : nil
        let lines = lines
        let opened = try await ServiceStack.open(options, log: { line in lines.append(line) })
        stack = opened
        return opened
    }

    override func tearDown() async throws {
        await stack?.close()
    }

    func hold(_ stack: ServiceStack, _ slotId: String) async -> Int {
        guest += 1
        let body = #"{"slotId":"\#(slotId)","partySize":2,"customerKey":"window_guest_\#(guest)","name":"손님","phone":"010-4444-\#(1000 + guest)"}"#
        let response = await stack.service.respond(to: HTTPRequest(
            method: "POST", target: "/api/reservations", path: "/api/reservations",
            headers: HTTPHeaders([("Host", "127.0.0.1"), ("Content-Type", "application/json")]), body: Array(body.utf8)))
        return response.status
    }

    func offered(_ stack: ServiceStack) async throws -> [String] {
        try await stack.service.bookings.availability(restaurant: "gogi").map(\.slotId)
    }

    /// Waits up to `seconds` of real time for `condition`; the timer runs on its own task.
    func eventually(_ seconds: TimeInterval = 5, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return try await condition()
    }

    func testCrossingSeoulMidnightSellsTheNewLastDayWithoutAReload() async throws {
        let stack = try await open(timer: true)
        let before = try await offered(stack)
        XCTAssertEqual(before, ["gogi.drum4.20260311.1900", "gogi.drum4.20260312.1900"], "the 10th's 19:00 has started")
        let refused = await hold(stack, Self.newLastDay)
        XCTAssertNotEqual(refused, 201, "13 March is not for sale before midnight")

        clock.advance(by: 120)  // 00:01 on 11 March, Seoul
        let moved = try await eventually { try await self.offered(stack).contains(Self.newLastDay) }
        let now = try await offered(stack)
        XCTAssertTrue(moved, "the new last day is offered after midnight without SIGHUP: \(now)")
        let held = await hold(stack, Self.newLastDay)
        XCTAssertEqual(held, 201)
        XCTAssertTrue(lines.values.contains { $0.hasPrefix("booking window moved (2026-03-11T00:00:00+09:00): 1 slots added") }, "\(lines.values)")
    }

    func testASlotThatStartsDropsOffAndTheTimerReArms() async throws {
        let stack = try await open(timer: true)
        clock.advance(by: 120)  // past midnight: 11-13 March
        let moved = try await eventually { try await self.offered(stack).contains(Self.newLastDay) }
        XCTAssertTrue(moved)
        clock.set(Date(timeIntervalSince1970: 1_773_223_260))  // 2026-03-11 19:01 Seoul: the 11th's slot started
        // The timer re-arms after midnight for the slot's start and syncs then: the started slot
        // leaves the inventory (retired), the later ones stay.
        let synced = await eventually { self.lines.values.contains { $0.hasPrefix("booking window moved (2026-03-11T19:00:00+09:00)") } }
        XCTAssertTrue(synced, "\(lines.values)")
        let left = try await offered(stack)
        XCTAssertEqual(left, ["gogi.drum4.20260312.1900", Self.newLastDay])
    }

    /// The negative control: the same crossing with the timer off leaves the window where it was.
    func testWithoutTheTimerTheWindowStaysUntilAReload() async throws {
        let stack = try await open(timer: false)
        clock.advance(by: 120)
        let moved = try await eventually(0.5) { try await self.offered(stack).contains(Self.newLastDay) }
        XCTAssertFalse(moved)
        let refused = await hold(stack, Self.newLastDay)
        XCTAssertNotEqual(refused, 201)
        try await stack.reloadContent()  // what SIGHUP does: counted from the service's clock
        let held = await hold(stack, Self.newLastDay)
        XCTAssertEqual(held, 201)
    }

    func testCloseStopsTheTimer() async throws {
        let stack = try await open(timer: true)
        let started = Date()
        await stack.close()
        self.stack = nil
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "close() does not wait for midnight")
    }
}
