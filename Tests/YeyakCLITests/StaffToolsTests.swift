import BookingStore
import Foundation
import TestSupport
import XCTest

/// The host stand's tools through the real binary (issue 18): the day's sheet in the terminal
/// and as a printable page, the CSV as a spreadsheet (here Python's csv module) reads it, the
/// dev database found beside `yeyak dev`, and booking numbers that start with '-'.
final class StaffToolsTests: XCTestCase {
    let content = SharedFolder.projectRoot.appendingPathComponent("content").path
    var folder: TemporaryDirectory!
    var database: String { folder.url.appendingPathComponent("yeyak.sqlite").path }
    /// Guest name -> order id.
    var orders: [String: String] = [:]

    static let day = "2099-12-31"
    static let hostileComment = "\u{1B}[2J<b>굵게</b>\u{202E}evil"
    /// An order id as 1 in 64 real ones look: starting with '-'.
    static let dashOrder = "-WwH3kP9xQz0aB1cD2eF3gH4"

    /// `2099-12-31T18:00+09:00`.
    static func seoul(_ time: String, day: String = day) -> Date {
        ISO8601DateFormatter().date(from: "\(day)T\(time):00+09:00")!
    }

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        let store = try SQLiteBookingStore(path: database)
        defer { store.close() }
        orders = try awaitResult {
            func slot(_ restaurant: String, _ table: String, _ start: Date, _ id: String) -> SlotInventory {
                SlotInventory(slotId: id, restaurant: restaurant, tableId: table, startsAt: start, capacity: 12,
                              depositPerPerson: 10_000, maxPartySize: 6, orderName: "예약금")
            }
            _ = try await store.syncInventory([
                slot("jipbap", "hall4", Self.seoul("18:00"), "jipbap.hall4.20991231.1800"),
                slot("jipbap", "window2", Self.seoul("12:00"), "jipbap.window2.20991231.1200"),
                slot("euljiro-gogi", "drum4", Self.seoul("19:00"), "euljiro-gogi.drum4.20991231.1900"),
                slot("jipbap", "hall4", Self.seoul("18:00", day: "2099-12-30"), "jipbap.hall4.20991230.1800"),
            ], now: Date())
            var ids: [String: String] = [:]
            let guests: [(slot: String, name: String, size: Int, comment: String, state: BookingState, id: String?)] = [
                ("jipbap.hall4.20991231.1800", "김저녁", 3, "창가 자리, \"조용한\" 곳\n부탁드려요", .paid, Self.dashOrder),
                ("jipbap.window2.20991231.1200", "=HYPERLINK(\"x\")", 2, Self.hostileComment, .paid, nil),
                ("jipbap.window2.20991231.1200", "박대기", 2, "", .ready, nil),
                ("euljiro-gogi.drum4.20991231.1900", "이고기", 4, "", .paid, nil),
                ("jipbap.hall4.20991230.1800", "최전날", 2, "", .paid, nil),
                ("jipbap.hall4.20991231.1800", "정취소", 2, "", .cancelled, nil),
                ("jipbap.hall4.20991231.1800", "한확인", 2, "", .needsAttention, nil),
            ]
            for (index, guest) in guests.enumerated() {
                let request = HoldRequest(slotId: guest.slot, partySize: guest.size, customerKey: "guest_staff_\(index)",
                                          guestName: guest.name, phone: "01012345678", comment: guest.comment)
                let fixed = guest.id
                let outcome = try await store.hold(request, now: Date(), holdDuration: 900,
                                                   newOrderId: { fixed ?? OrderID.random() })
                guard case .created(let booking) = outcome else { throw CommandTestError.unexpected("\(outcome)") }
                if guest.state != .ready {
                    _ = try await store.beginConfirm(orderId: booking.orderId, paymentKey: "tpk_\(index)", amount: booking.amount, now: Date())
                }
                if guest.state == .needsAttention {
                    _ = try await store.markNeedsAttention(orderId: booking.orderId, reason: "timeout", now: Date())
                }
                if guest.state == .paid || guest.state == .cancelled {
                    _ = try await store.markPaid(orderId: booking.orderId, paymentKey: "tpk_\(index)", approvedAt: Date(), method: "카드",
                                                 receiptURL: nil, now: Date())
                }
                if guest.state == .cancelled {
                    _ = try await store.beginCancel(orderId: booking.orderId, refundAmount: booking.amount, reason: "손님 요청", now: Date())
                    _ = try await store.markCancelled(orderId: booking.orderId, refundAmount: booking.amount, at: Date())
                }
                ids[guest.name] = booking.orderId
            }
            return ids
        }
    }

    func yeyak(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.yeyak(arguments + ["--db", database, "--content", content])
    }

    // MARK: - The host stand's day

    func testTodaySheetListsEachRestaurantsPaidBookingsByTimeWithAlignedColumns() throws {
        let result = try yeyak(["bookings", "today", "--date", Self.day])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "12월 31일 (목) 예약")
        let jipbap = try XCTUnwrap(lines.firstIndex(of: "맛있는 집밥 (jipbap): 예약 3건, 7명 (취소 1건)"), result.standardOutput)
        let gogi = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("을지로 연탄고기 (euljiro-gogi): 예약 1건, 4명") }, result.standardOutput)
        XCTAssertTrue(lines.contains("스시 하나 (sushi-hana): 예약 없음"), "a restaurant without bookings is said so: \(result.standardOutput)")
        XCTAssertLessThan(gogi, jipbap, "restaurants in content (file name) order")

        let header = lines[jipbap + 1]
        XCTAssertEqual(header.split(separator: " ", omittingEmptySubsequences: true), ["시간", "인원", "이름", "전화", "요청", "사항", "테이블", "상태", "예약번호"])
        let noon = lines[jipbap + 2], evening = lines[jipbap + 3]
        XCTAssertTrue(noon.contains("오후 12:00") && noon.contains("2명") && noon.contains("창가 2인석") && noon.contains("예약 확정"), noon)
        XCTAssertTrue(evening.contains("오후 6:00") && evening.contains("3명") && evening.contains("김저녁") && evening.contains("홀 4인석"), evening)
        XCTAssertTrue(evening.contains("010-1234-5678"), evening)
        // The same slot: in the order they were made; the cancelled one marked, not counted.
        XCTAssertTrue(lines[jipbap + 4].contains("정취소") && lines[jipbap + 4].contains("취소됨  "), lines[jipbap + 4])
        XCTAssertTrue(lines[jipbap + 5].contains("한확인") && lines[jipbap + 5].contains("결제 확인 필요"), lines[jipbap + 5])
        // Columns line up by display width (Hangul takes two terminal columns).
        func column(_ line: String, of text: String) throws -> Int {
            let range = try XCTUnwrap(line.range(of: text), "\(text) in \(line)")
            return TerminalWidth.of(String(line[..<range.lowerBound]))
        }
        XCTAssertEqual(try column(header, of: "테이블"), try column(noon, of: "창가 2인석"))
        XCTAssertEqual(try column(header, of: "테이블"), try column(evening, of: "홀 4인석"))
        XCTAssertEqual(try column(header, of: "상태"), try column(evening, of: "예약 확정"))

        let output = result.standardOutput
        XCTAssertFalse(output.contains("박대기"), "an unpaid hold is not a booking to the host")
        XCTAssertFalse(output.contains("최전날"), "another day's booking")
        XCTAssertFalse(output.contains("\u{1B}") || output.contains("\u{202E}"), "no raw ESC or bidi override reaches the terminal")
        XCTAssertTrue(output.contains(#"\u{1B}[2J<b>굵게</b>\u{202E}evil"#), output)
        XCTAssertTrue(output.contains(#"창가 자리, "조용한" 곳\n부탁드려요"#), "a comment stays on its row: \(output)")

        let one = try yeyak(["bookings", "today", "--date", Self.day, "--restaurant", "euljiro-gogi"])
        XCTAssertEqual(one.status, 0, one.standardError)
        XCTAssertTrue(one.standardOutput.contains("이고기"))
        XCTAssertFalse(one.standardOutput.contains("김저녁"))
        let unknown = try yeyak(["bookings", "today", "--restaurant", "nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.standardError.contains("--restaurant 'nope'") && unknown.standardError.contains("jipbap"), unknown.standardError)
        let badDate = try yeyak(["bookings", "today", "--date", "31.12.2099"])
        XCTAssertEqual(badDate.status, 2)
    }

    func testTodayWithoutDateIsTodayInSeoul() throws {
        let result = try yeyak(["bookings", "today"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Seoul")
        formatter.dateFormat = "M월 d일"
        XCTAssertTrue(result.standardOutput.hasPrefix(formatter.string(from: Date()) + " ("), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("김저녁"))
    }

    func testTodayHTMLIsAPrintableKoreanPageWithEveryGuestTextEscaped() throws {
        let file = folder.url.appendingPathComponent("today.html").path
        let result = try yeyak(["bookings", "today", "--date", Self.day, "--html", file])
        XCTAssertEqual(result.status, 0, result.standardError)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!doctype html>\n<html lang=\"ko\">"), html)
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains("@page { size: A4"), "A4 print CSS")
        XCTAssertTrue(html.contains("<title>12월 31일 (목) 예약</title>"))
        XCTAssertTrue(html.contains("<th scope=\"col\">요청 사항</th>"))
        XCTAssertFalse(html.contains("<b>"), "guest text never becomes markup")
        XCTAssertTrue(html.contains(#"\u{1B}[2J&lt;b&gt;굵게&lt;/b&gt;\u{202E}evil"#), html)
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;x&quot;)"), html)
        XCTAssertFalse(html.contains("\u{1B}") || html.contains("\u{202E}"))
        // Rows by time within the restaurant; the unpaid hold left out.
        let noon = try XCTUnwrap(html.range(of: "오후 12:00")), evening = try XCTUnwrap(html.range(of: "오후 6:00"))
        XCTAssertLessThan(noon.lowerBound, evening.lowerBound)
        XCTAssertFalse(html.contains("박대기"))
        XCTAssertTrue(html.contains("<tr class=\"cancelled\"><td>오후 6:00</td><td>2명</td><td>정취소</td>"), "a cancelled row is marked for print")
        XCTAssertTrue(result.standardOutput.contains("wrote \(file)"))

        let unwritable = try yeyak(["bookings", "today", "--html", folder.url.appendingPathComponent("no/such/dir/x.html").path])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertTrue(unwritable.standardError.contains("--html"), unwritable.standardError)
    }

    // MARK: - CSV

    /// What Excel needs (a BOM) and what a spreadsheet sums (numbers), read back by an
    /// independent CSV reader: Python's csv module, told nothing about our quoting.
    func testCSVOpensInPythonsCsvModuleWithBOMNumbersAndEveryColumn() throws {
        let result = try yeyak(["bookings", "list", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let file = try folder.write("bookings.csv", result.standardOutput)
        let script = """
            import csv, json, sys
            raw = open(sys.argv[1], "rb").read()
            assert raw.startswith(b"\\xef\\xbb\\xbf"), "no UTF-8 BOM"
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f))
            out = []
            for row in rows:
                row["인원"] = int(row["인원"]); row["예약금"] = int(row["예약금"])
                out.append(row)
            print(json.dumps(out, ensure_ascii=False))
            """
        let python = try Python.run(script, [file.path])
        XCTAssertEqual(python.status, 0, python.standardError)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(python.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 7)
        XCTAssertEqual(rows.first.map { Array($0.keys).sorted() },
                       ["예약번호", "주문번호", "상태", "식당", "테이블", "날짜", "시간", "인원", "예약금", "이름", "전화", "요청 사항", "결제 시각", "환불액"].sorted())
        let dinner = try XCTUnwrap(rows.first { $0["이름"] as? String == "김저녁" })
        XCTAssertEqual(dinner["예약금"] as? Int, 30_000, "an amount is a number, not \"30,000원\"")
        XCTAssertEqual(dinner["인원"] as? Int, 3)
        XCTAssertEqual(dinner["테이블"] as? String, "홀 4인석")
        XCTAssertEqual(dinner["날짜"] as? String, "2099-12-31")
        XCTAssertEqual(dinner["시간"] as? String, "18:00")
        XCTAssertEqual(dinner["상태"] as? String, "PAID")
        XCTAssertEqual(dinner["요청 사항"] as? String, "창가 자리, \"조용한\" 곳\n부탁드려요", "RFC 4180 quoting round-trips")
        XCTAssertEqual(dinner["주문번호"] as? String, "'" + Self.dashOrder, "a cell starting with '-' is defused too")
        XCTAssertTrue((dinner["예약번호"] as? String)?.range(of: #"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$"#, options: .regularExpression) != nil,
                      "the code a guest reads out: \(dinner["예약번호"] ?? "")")
        let formula = try XCTUnwrap(rows.first { ($0["이름"] as? String)?.contains("HYPERLINK") == true })
        XCTAssertEqual(formula["이름"] as? String, "'=HYPERLINK(\"x\")", "a guest-typed formula is shown, never run")
        XCTAssertEqual(formula["요청 사항"] as? String, Self.hostileComment, "CSV keeps the guest's text exactly (quoted, not escaped)")
        let cancelled = try XCTUnwrap(rows.first { $0["이름"] as? String == "정취소" })
        XCTAssertEqual(cancelled["환불액"] as? String, "20000")
        XCTAssertEqual(cancelled["상태"] as? String, "CANCELLED")
        let held = try XCTUnwrap(rows.first { $0["이름"] as? String == "박대기" })
        XCTAssertEqual(held["결제 시각"] as? String, "")
        XCTAssertTrue((dinner["결제 시각"] as? String)?.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d$"#, options: .regularExpression) != nil)
    }

    // MARK: - Booking numbers starting with '-'

    func testABookingNumberStartingWithADashWorksAsItIsAndAsCopiedFromTheCSV() throws {
        for order in [Self.dashOrder, "'" + Self.dashOrder] {
            let show = try yeyak(["bookings", "show", order])
            XCTAssertEqual(show.status, 0, "\(order): \(show.standardError)")
            XCTAssertTrue(show.standardOutput.contains(Self.dashOrder) && show.standardOutput.contains("김저녁"), show.standardOutput)
        }
        // Options after the id, and `--` before it, work the same.
        let afterDashes = try ChildProcess.yeyak(["bookings", "show", "--db", database, "--content", content, "--", Self.dashOrder])
        XCTAssertEqual(afterDashes.status, 0, afterDashes.standardError)
        let toss = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"]
        let cancel = try ChildProcess.yeyak(["bookings", "cancel", Self.dashOrder, "--reason", "테스트", "--db", database, "--content", content],
                                            environment: toss)
        XCTAssertEqual(cancel.status, 1, "asks for --yes rather than calling the id an unknown option")
        XCTAssertTrue(cancel.standardOutput.contains(Self.dashOrder), cancel.standardOutput)
        XCTAssertFalse(cancel.standardError.contains("unknown option"), cancel.standardError)
    }

    // MARK: - Finding the database

    func testBesideYeyakDevTheDevDatabaseIsFoundAndOtherwiseEveryPlaceLookedIsSaid() throws {
        let project = try TemporaryDirectory(prefix: "staff-cwd")
        let looked = try ChildProcess.yeyak(["bookings", "list", "--content", content], currentDirectory: project.url)
        XCTAssertEqual(looked.status, 1)
        XCTAssertTrue(looked.standardError.contains("data/yeyak.sqlite") && looked.standardError.contains(".yeyak-dev/yeyak.sqlite"),
                      looked.standardError)
        let notifications = try ChildProcess.yeyak(["notifications", "list"], currentDirectory: project.url)
        XCTAssertEqual(notifications.status, 1)
        XCTAssertTrue(notifications.standardError.contains(".yeyak-dev/yeyak.sqlite"), notifications.standardError)

        // yeyak dev's database (its default --data .yeyak-dev) beside the command.
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent(".yeyak-dev"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: database, toPath: project.url.appendingPathComponent(".yeyak-dev/yeyak.sqlite").path)
        let found = try ChildProcess.yeyak(["bookings", "list", "--content", content], currentDirectory: project.url)
        XCTAssertEqual(found.status, 0, found.standardError)
        XCTAssertTrue(found.standardOutput.contains("7 bookings"), found.standardOutput)
        let today = try ChildProcess.yeyak(["bookings", "today", "--date", Self.day, "--content", content], currentDirectory: project.url)
        XCTAssertTrue(today.standardOutput.contains("김저녁"), today.standardOutput + today.standardError)
        XCTAssertEqual(try ChildProcess.yeyak(["notifications", "list"], currentDirectory: project.url).status, 0)

        // A given --db that does not exist is named, never replaced by a guess.
        let wrong = try ChildProcess.yeyak(["bookings", "list", "--db", "elsewhere.sqlite", "--content", content], currentDirectory: project.url)
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.standardError.contains("'elsewhere.sqlite' does not exist"), wrong.standardError)
    }
}

/// Terminal columns, counted independently of the code under test: Hangul syllables two, the
/// rest (ASCII here) one.
enum TerminalWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0xAC00...0xD7A3).contains($1.value) ? 2 : 1) }
    }
}
