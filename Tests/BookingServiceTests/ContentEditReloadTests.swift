import BookingStore
import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest
import YeyakContent
@testable import BookingService

/// Invariant 9 through the service stack, as SIGHUP and `yeyak dev` reload: the issue's
/// `drum2` -> `drum-2` rename is refused naming the file, the table and the bookings, and the
/// old content keeps serving; the same rename with `renamedFrom` carries the bookings over and
/// the slot still sells exactly its seats.
final class ContentEditReloadTests: XCTestCase {
    static func gogi(table: String) -> String {
        """
        {"name": "을지로 연탄고기", "description": "고기", "address": "서울", "phone": "02-2266-4592",
         "refundPolicy": {"fullRefundHoursBefore": 12, "penaltyPercent": 10},
         "tables": [\(table),
                    {"id": "drum4", "name": "드럼통 4인석", "seats": 4, "depositPerPerson": 10000}],
         "weekly": [{"days": ["mon-sun"], "times": ["19:00"], "seats": 12, "nextDays": 3}]}
        """
    }
    static let drum2 = #"{"id": "drum2", "name": "드럼통 2인석", "seats": 2, "depositPerPerson": 10000}"#
    static let renamed = #"{"id": "drum-2", "name": "드럼통 2인석", "seats": 2, "depositPerPerson": 10000}"#
    static let renamedWithFrom = #"{"id": "drum-2", "name": "드럼통 2인석", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "drum2"}"#

    var folder: TemporaryDirectory!
    var stack: ServiceStack!
    var guest = 0

    override func setUp() async throws {
        folder = try TemporaryDirectory(prefix: "yeyak-reload")
        try folder.write("content/site.json", """
            {"title": "예약", "baseURL": "http://127.0.0.1:1/", "serviceURL": "http://127.0.0.1:1",
             "timeZone": "Asia/Seoul", "toss": {"clientKey": "\(MerchantKeys.docsWidget.clientKey)", "sdkURL": "http://127.0.0.1:1/v2/standard"}}
            """)
        try folder.write("content/restaurants/gogi.json", Self.gogi(table: Self.drum2))
        var options = ServiceStack.Options(
            contentDirectory: folder.url.appendingPathComponent("content"), databasePath: folder.url.appendingPathComponent("yeyak.sqlite").path,
            toss: TossClientConfiguration(secretKey: MerchantKeys.docsWidget.secretKey, baseURL: URL(string: "http://127.0.0.1:9")!),
            resultPages: { _ in PlainResultPages() })
        options.storeOptions.holdLimits = HoldLimits.off
        stack = try await ServiceStack.open(options, log: { _ in })
    }

    override func tearDown() async throws {
        await stack?.close()
    }

    /// The first upcoming 19:00 slot of `table`.
    func slotId(_ table: String) throws -> String {
        try XCTUnwrap(stack.service.content.restaurants[0].upcomingSlots(after: Date()).first { $0.tableId == table }?.id)
    }

    func hold(_ slotId: String, party: Int = 2) async -> (status: Int, orderId: String?) {
        guest += 1
        let body = #"{"slotId":"\#(slotId)","partySize":\#(party),"customerKey":"reload_guest_\#(guest)","name":"손님","phone":"010-4444-\#(1000 + guest)"}"#
        let response = await stack.service.respond(to: HTTPRequest(
            method: "POST", target: "/api/reservations", path: "/api/reservations",
            headers: HTTPHeaders([("Host", "127.0.0.1"), ("Content-Type", "application/json")]), body: Array(body.utf8)))
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (response.status, object?["orderId"] as? String)
    }

    func testARenameWithoutRenamedFromIsRefusedOnReloadAndTheOldContentKeepsServing() async throws {
        let old = try slotId("drum2")
        var orders: [String] = []
        for _ in 0..<4 { let held = await hold(old); orders.append(try XCTUnwrap(held.orderId)) }

        try folder.write("content/restaurants/gogi.json", Self.gogi(table: Self.renamed))
        do {
            try await stack.reloadContent()
            XCTFail("the reload should have been refused")
        } catch let errors as ContentErrors {
            let text = errors.description
            XCTAssertTrue(text.contains("restaurants/gogi.json: tables: 테이블 'drum2'이(가) 없어졌지만"), text)
            XCTAssertTrue(text.contains(old), text)
            XCTAssertTrue(text.contains(old.replacingOccurrences(of: "drum2", with: "drum-2")), "names the slot that offers the seats again: \(text)")
            XCTAssertTrue(text.contains("\"renamedFrom\": \"drum2\""), "says how to fix it: \(text)")
            for order in orders { XCTAssertTrue(text.contains(order), "names booking \(order): \(text)") }
        }
        // The old content keeps serving: drum2 still sells (its last 4 seats), drum-2 is unknown.
        XCTAssertEqual(stack.service.content.restaurants[0].tables.map(\.id), ["drum2", "drum4"])
        let stillSold = await hold(old)
        XCTAssertEqual(stillSold.status, 201)
        let unknown = await hold(old.replacingOccurrences(of: "drum2", with: "drum-2"))
        XCTAssertEqual(unknown.status, 422)
        let taken = try await stack.store.availability(slotId: old, now: Date())?.seatsTaken
        XCTAssertEqual(taken, 10)
    }

    func testTheSameRenameWithRenamedFromCarriesTheBookingsOverWithoutOverselling() async throws {
        let old = try slotId("drum2")
        var orders: [String] = []
        for _ in 0..<5 { let held = await hold(old); orders.append(try XCTUnwrap(held.orderId)) }

        try folder.write("content/restaurants/gogi.json", Self.gogi(table: Self.renamedWithFrom))
        let report = try await stack.reloadContent()
        let new = try slotId("drum-2")
        XCTAssertTrue(report.carriedOver.contains(.init(from: old, to: new, bookings: 5)), "\(report)")
        for order in orders {
            let booking = try await stack.store.booking(orderId: order, now: Date())
            XCTAssertEqual(booking?.slotId, new)
        }
        // The issue sold 14 against 12 real seats; now the renamed slot sells exactly its 12.
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(await hold(new).status) }
        XCTAssertEqual(statuses, [201, 409, 409, 409])
        let seats = try await stack.store.availability(slotId: new, now: Date())
        XCTAssertEqual(seats?.seatsTaken, 12)
        XCTAssertEqual(seats?.capacity, 12)
    }
}
