import BookingStore
import Foundation
import TestSupport
import XCTest

/// `yeyak bookings` through the real binary, on a database prepared through the store.
final class BookingsCommandTests: XCTestCase {
    let content = SharedFolder.projectRoot.appendingPathComponent("content").path
    var folder: TemporaryDirectory!
    var database: String { folder.url.appendingPathComponent("yeyak.sqlite").path }
    var orders: [String] = []

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        let slotStart = Date().addingTimeInterval(3 * 86_400)
        let store = try SQLiteBookingStore(path: database)
        defer { store.close() }
        orders = try awaitResult {
            _ = try await store.syncInventory([
                SlotInventory(slotId: "jipbap.hall4.20991231.1200", restaurant: "jipbap", tableId: "hall4", startsAt: slotStart,
                              capacity: 8, depositPerPerson: 10_000, maxPartySize: 4, orderName: "맛있는 집밥 예약금"),
            ], now: Date())
            var ids: [String] = []
            for (key, name, size) in [("guest_one", "김예약", 2), ("guest_two", "=HYPERLINK(\"x\")", 3)] {
                let outcome = try await store.hold(HoldRequest(slotId: "jipbap.hall4.20991231.1200", partySize: size, customerKey: key,
                                                               guestName: name, phone: "01012345678"), now: Date(), holdDuration: 900)
                guard case .created(let booking) = outcome else { throw CommandTestError.unexpected("\(outcome)") }
                ids.append(booking.orderId)
            }
            _ = try await store.beginConfirm(orderId: ids[0], paymentKey: "tpk_test", amount: 20_000, now: Date())
            _ = try await store.markPaid(orderId: ids[0], paymentKey: "tpk_test", approvedAt: Date(), method: "카드", receiptURL: nil,
                                         now: Date())
            return ids
        }
    }

    func testListShowsEveryBookingAsATableCsvOrJson() throws {
        let table = try ChildProcess.yeyak(["bookings", "list", "--db", database, "--content", content])
        XCTAssertEqual(table.status, 0, table.standardError)
        XCTAssertTrue(table.standardOutput.contains(orders[0]))
        XCTAssertTrue(table.standardOutput.contains("PAID"))
        XCTAssertTrue(table.standardOutput.contains("맛있는 집밥"))
        XCTAssertTrue(table.standardOutput.contains("010-1234-5678"))
        XCTAssertTrue(table.standardOutput.contains("2 bookings"))

        let paidOnly = try ChildProcess.yeyak(["bookings", "list", "--db", database, "--content", content, "--status", "paid", "--format", "json"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(paidOnly.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["orderId"] as? String }, [orders[0]])
        XCTAssertEqual(rows.first?["amount"] as? Int, 20_000)

        let csv = try ChildProcess.yeyak(["bookings", "list", "--db", database, "--content", content, "--format", "csv"])
        XCTAssertTrue(csv.standardOutput.hasPrefix("\u{FEFF}예약번호,주문번호,상태,식당,테이블"), csv.standardOutput)
        XCTAssertTrue(csv.standardOutput.contains("\"'=HYPERLINK(\"\"x\"\")\""), "a guest-typed formula is defused: \(csv.standardOutput)")

        let otherDay = try ChildProcess.yeyak(["bookings", "list", "--db", database, "--content", content, "--date", "2000-01-01"])
        XCTAssertTrue(otherDay.standardOutput.contains("0 bookings"))
    }

    func testShowAndCancelOneBooking() throws {
        let show = try ChildProcess.yeyak(["bookings", "show", orders[0], "--db", database, "--content", content])
        XCTAssertEqual(show.status, 0, show.standardError)
        XCTAssertTrue(show.standardOutput.contains("tpk_test"))
        // Without a terminal to answer the prompt, nothing is cancelled unless --yes says so.
        let toss = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"]
        let unconfirmed = try ChildProcess.yeyak(["bookings", "cancel", orders[1], "--reason", "손님 요청", "--db", database, "--content", content],
                                                 environment: toss)
        XCTAssertEqual(unconfirmed.status, 1)
        XCTAssertTrue(unconfirmed.standardError.contains("--yes"), unconfirmed.standardError)
        XCTAssertTrue(unconfirmed.standardOutput.contains("release the hold"), "the prompt says what would happen: \(unconfirmed.standardOutput)")
        let stillHeld = try ChildProcess.yeyak(["bookings", "show", orders[1], "--db", database, "--content", content])
        XCTAssertTrue(stillHeld.standardOutput.contains("READY"), stillHeld.standardOutput)
        // An unpaid hold is released without any Toss call.
        let cancel = try ChildProcess.yeyak(["bookings", "cancel", orders[1], "--reason", "손님 요청", "--yes", "--db", database, "--content", content],
                                            environment: toss)
        XCTAssertEqual(cancel.status, 0, cancel.standardError)
        XCTAssertTrue(cancel.standardOutput.contains("FAILED"), cancel.standardOutput)
        let missing = try ChildProcess.yeyak(["bookings", "show", "AAAAAAAAAAAAAAAAAAAAAAAA", "--db", database, "--content", content])
        XCTAssertEqual(missing.status, 1)
    }

    /// Guest-typed control and bidi characters reach the staff's terminal as visible escapes,
    /// never as a terminal sequence, a forged line or reordered text.
    func testShowAndListMakeControlAndBidiCharactersVisible() throws {
        let hostile = "\u{1B}[2J김\u{202E}evil\nPAID forged"
        let path = database
        let orderId: String = try awaitResult {
            let store = try SQLiteBookingStore(path: path)
            defer { store.close() }
            let outcome = try await store.hold(HoldRequest(slotId: "jipbap.hall4.20991231.1200", partySize: 1, customerKey: "guest_three",
                                                           guestName: hostile, phone: "01012345678"), now: Date(), holdDuration: 900)
            guard case .created(let booking) = outcome else { throw CommandTestError.unexpected("\(outcome)") }
            return booking.orderId
        }
        for arguments in [["bookings", "show", orderId], ["bookings", "list"]] {
            let result = try ChildProcess.yeyak(arguments + ["--db", database, "--content", content])
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertFalse(result.standardOutput.contains("\u{1B}"), "no raw ESC: \(arguments)")
            XCTAssertFalse(result.standardOutput.contains("\u{202E}"), "no raw bidi override: \(arguments)")
            XCTAssertTrue(result.standardOutput.contains(#"\u{1B}[2J김\u{202E}evil\nPAID forged"#), result.standardOutput)
        }
    }

    /// Staff type the code the guest reads out, in any case, wherever an order id is taken.
    func testShowAndCancelAcceptTheBookingCodeAndListShowsIt() throws {
        let path = database
        let booking: Booking = try awaitResult {
            let store = try SQLiteBookingStore(path: path)
            defer { store.close() }
            let outcome = try await store.hold(HoldRequest(slotId: "jipbap.hall4.20991231.1200", partySize: 1, customerKey: "guest_code",
                                                           guestName: "김코드", phone: "01055556666"), now: Date(), holdDuration: 900)
            guard case .created(let booking) = outcome else { throw CommandTestError.unexpected("\(outcome)") }
            return booking
        }
        let shown = BookingCode.formatted(booking.code)
        let show = try ChildProcess.yeyak(["bookings", "show", shown.lowercased(), "--db", database, "--content", content])
        XCTAssertEqual(show.status, 0, show.standardError)
        XCTAssertTrue(show.standardOutput.contains(booking.orderId), show.standardOutput)
        XCTAssertTrue(show.standardOutput.contains(shown), show.standardOutput)
        let list = try ChildProcess.yeyak(["bookings", "list", "--db", database, "--content", content])
        XCTAssertTrue(list.standardOutput.contains(shown), list.standardOutput)
        let cancel = try ChildProcess.yeyak(["bookings", "cancel", booking.code, "--reason", "손님 전화", "--yes", "--db", database,
                                             "--content", content], environment: ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"])
        XCTAssertEqual(cancel.status, 0, cancel.standardError)
        XCTAssertTrue(cancel.standardOutput.contains("\(booking.orderId): FAILED"), cancel.standardOutput)
        let unknown = try ChildProcess.yeyak(["bookings", "show", "2222-2222", "--db", database, "--content", content])
        XCTAssertEqual(unknown.status, 1)
    }

    func testUsageMistakesExitTwo() throws {
        for arguments in [["bookings"], ["bookings", "frob"], ["bookings", "show"], ["bookings", "cancel", "X"],
                          ["bookings", "list", "--format", "xml", "--db", database, "--content", content]] {
            let result = try ChildProcess.yeyak(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.standardError)")
        }
    }
}

enum CommandTestError: Error { case unexpected(String) }
