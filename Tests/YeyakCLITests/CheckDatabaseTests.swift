import BookingStore
import Foundation
import TestSupport
import XCTest

/// `yeyak check --db FILE` through the real binary: the edit the service would refuse on reload
/// (a renamed table whose slot has bookings) exits 1 naming the file, the table and the booking;
/// with `renamedFrom` it passes, and the database is not changed by checking.
final class CheckDatabaseTests: XCTestCase {
    static let site = """
        {"title": "예약", "baseURL": "https://yeyak.example/", "serviceURL": "https://yeyak.example", "timeZone": "Asia/Seoul",
         "toss": {"clientKey": "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", "sdkURL": "https://js.tosspayments.com/v2/standard"}}
        """
    static func gogi(_ table: String) -> String {
        """
        {"name": "을지로 연탄고기", "description": "고기", "address": "서울", "phone": "02-2266-4592",
         "refundPolicy": {"fullRefundHoursBefore": 12, "penaltyPercent": 10},
         "tables": [\(table)],
         "slots": [{"table": "\(table.contains("drum-2") ? "drum-2" : "drum2")", "start": "2099-12-31T19:00", "seats": 12}]}
        """
    }

    func testCheckWithTheDatabaseRefusesARenameThatWouldSellBookedSeatsTwice() throws {
        let folder = try TemporaryDirectory()
        try folder.write("content/site.json", Self.site)
        try folder.write("content/restaurants/gogi.json", Self.gogi(#"{"id": "drum2", "name": "2인석", "seats": 2, "depositPerPerson": 10000}"#))
        let database = folder.url.appendingPathComponent("yeyak.sqlite").path
        let content = folder.url.appendingPathComponent("content").path
        // 2099-12-31 19:00 in Seoul.
        let start = Date(timeIntervalSince1970: 4_102_394_400)
        let orderId: String = try awaitResult {
            let store = try SQLiteBookingStore(path: database)
            defer { store.close() }
            _ = try await store.syncInventory([
                SlotInventory(slotId: "gogi.drum2.20991231.1900", restaurant: "gogi", tableId: "drum2", startsAt: start,
                              capacity: 12, depositPerPerson: 10_000, maxPartySize: 2, orderName: "을지로 예약금"),
            ], now: Date())
            let outcome = try await store.hold(HoldRequest(slotId: "gogi.drum2.20991231.1900", partySize: 2, customerKey: "guest_a",
                                                           guestName: "김예약", phone: "01012345678"), now: Date(), holdDuration: 900)
            guard case .created(let booking) = outcome else { throw CommandTestError.unexpected("\(outcome)") }
            return booking.orderId
        }
        let unchanged = try ChildProcess.yeyak(["check", "--content", content, "--db", database])
        XCTAssertEqual(unchanged.status, 0, unchanged.standardError)

        try folder.write("content/restaurants/gogi.json", Self.gogi(#"{"id": "drum-2", "name": "2인석", "seats": 2, "depositPerPerson": 10000}"#))
        XCTAssertEqual(try ChildProcess.yeyak(["check", "--content", content]).status, 0, "without --db the edit looks fine")
        let refused = try ChildProcess.yeyak(["check", "--content", content, "--db", database])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains("restaurants/gogi.json: tables: 테이블 'drum2'이(가) 없어졌지만"), refused.standardError)
        XCTAssertTrue(refused.standardError.contains(orderId), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("gogi.drum-2.20991231.1900"), refused.standardError)

        try folder.write("content/restaurants/gogi.json", Self.gogi(
            #"{"id": "drum-2", "name": "2인석", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "drum2"}"#))
        let renamed = try ChildProcess.yeyak(["check", "--content", content, "--db", database])
        XCTAssertEqual(renamed.status, 0, renamed.standardError)
        // Checking wrote nothing: the booking is still on the old slot until the service reloads.
        let slot: String? = try awaitResult {
            let store = try SQLiteBookingStore(path: database)
            defer { store.close() }
            return try await store.booking(orderId: orderId, now: Date())?.slotId
        }
        XCTAssertEqual(slot, "gogi.drum2.20991231.1900")

        let missing = try ChildProcess.yeyak(["check", "--content", content, "--db", folder.path + "/nope.sqlite"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.standardError.contains("does not exist"), missing.standardError)
    }
}
