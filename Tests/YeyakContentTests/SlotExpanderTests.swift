import XCTest
@testable import YeyakContent

final class SlotExpanderTests: XCTestCase {
    let seoul = TimeZone(identifier: "Asia/Seoul")!
    let tables = [Table(id: "t2", name: "2인석", seats: 2, depositPerPerson: 10_000),
                  Table(id: "t4", name: "4인석", seats: 4, depositPerPerson: 10_000)]

    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    func time(_ text: String) -> LocalTime { LocalTime(text: text)! }

    func testWeekdaysAcrossAMonthEndAndYearEnd() {
        let rule = WeeklyRule(tables: ["t2"], days: [.mon, .fri], times: [time("18:00")], seats: nil,
                              period: .dates(from: date("2026-12-28"), until: date("2027-01-05")))
        let result = SlotExpander.expand(restaurant: "r", tables: tables, rules: [rule], overrides: [],
                                         today: date("2026-12-01"), zone: seoul)
        // 2026-12-28 is a Monday, 2027-01-01 a Friday, 2027-01-04 a Monday.
        XCTAssertEqual(result.slots.map { $0.start.date.description }, ["2026-12-28", "2027-01-01", "2027-01-04"])
        XCTAssertEqual(result.slots.map(\.capacity), [2, 2, 2], "seats default to the table's seats")
    }

    func testNextDaysCountsFromTodayThroughLeapDay() {
        let rule = WeeklyRule(tables: [], days: Weekday.allCases, times: [time("12:00")], seats: 6, period: .nextDays(3))
        let result = SlotExpander.expand(restaurant: "r", tables: tables, rules: [rule], overrides: [],
                                         today: date("2028-02-28"), zone: seoul)
        XCTAssertEqual(Set(result.slots.map { $0.start.date.description }), ["2028-02-28", "2028-02-29", "2028-03-01"])
        XCTAssertEqual(result.slots.count, 6, "an empty table list means every table")
    }

    func testSeoulWallClockIsUTCPlusNineAllYear() {
        // No DST in Asia/Seoul: summer and winter both map 18:00 to 09:00 UTC.
        for text in ["2026-01-15T18:00", "2026-07-15T18:00", "2027-03-28T18:00", "2026-10-25T18:00"] {
            let start = LocalDateTime(iso: text)!
            let instant = start.instant(in: seoul)
            XCTAssertEqual(Int(instant.timeIntervalSince1970) % 86_400, 9 * 3600, text)
            XCTAssertEqual(LocalDateTime(instant, in: seoul), start, "round trip \(text)")
        }
        XCTAssertEqual(LocalDateTime(iso: "2026-12-24T18:00")!.instant(in: seoul),
                       ISO8601DateFormatter().date(from: "2026-12-24T09:00:00Z"))
    }

    func testOverridesAddChangeAndCloseSlots() {
        let rule = WeeklyRule(tables: ["t4"], days: [.thu], times: [time("18:00")], seats: 8,
                              period: .dates(from: date("2026-12-24"), until: date("2026-12-31")))
        let overrides = [
            SlotOverride(tableId: "t4", start: LocalDateTime(iso: "2026-12-24T18:00")!, seats: 4, closed: false),
            SlotOverride(tableId: "t4", start: LocalDateTime(iso: "2026-12-31T18:00")!, seats: nil, closed: true),
            SlotOverride(tableId: "t2", start: LocalDateTime(iso: "2026-12-25T12:00")!, seats: nil, closed: false),
        ]
        let result = SlotExpander.expand(restaurant: "r", tables: tables, rules: [rule], overrides: overrides,
                                         today: date("2026-12-01"), zone: seoul)
        XCTAssertEqual(result.slots.map(\.id), ["r.t4.20261224.1800", "r.t2.20261225.1200"])
        XCTAssertEqual(result.slots.map(\.capacity), [4, 2])
    }

    func testSlotsAreListedByStartThenTableIdWhateverTheirSource() {
        // "t10" sorts before "t2" as text; a late explicit slot sorts among the rule's slots.
        let wide = tables + [Table(id: "t10", name: "10인석", seats: 10, depositPerPerson: 10_000)]
        let rule = WeeklyRule(tables: [], days: Weekday.allCases, times: [time("18:00"), time("12:00")], seats: nil,
                              period: .dates(from: date("2026-12-31"), until: date("2027-01-01")))
        let overrides = [SlotOverride(tableId: "t4", start: LocalDateTime(iso: "2026-12-31T12:30")!, seats: nil, closed: false)]
        let result = SlotExpander.expand(restaurant: "r", tables: wide, rules: [rule], overrides: overrides,
                                         today: date("2026-12-01"), zone: seoul)
        XCTAssertEqual(result.slots.map(\.id), [
            "r.t10.20261231.1200", "r.t2.20261231.1200", "r.t4.20261231.1200", "r.t4.20261231.1230",
            "r.t10.20261231.1800", "r.t2.20261231.1800", "r.t4.20261231.1800",
            "r.t10.20270101.1200", "r.t2.20270101.1200", "r.t4.20270101.1200",
            "r.t10.20270101.1800", "r.t2.20270101.1800", "r.t4.20270101.1800",
        ])
    }

    func testTwoRulesProducingTheSameSlotIsAConflict() {
        let rule = WeeklyRule(tables: ["t2"], days: [.mon], times: [time("12:00")], seats: nil, period: .nextDays(7))
        let result = SlotExpander.expand(restaurant: "r", tables: tables, rules: [rule, rule], overrides: [],
                                         today: date("2026-11-30"), zone: seoul)
        XCTAssertEqual(result.conflicts, [SlotExpander.Conflict(source: "weekly[1]", slotId: "r.t2.20261130.1200")])
    }

    func testDatesThatDoNotExistAreRejected() {
        XCTAssertNil(LocalDate(iso: "2026-02-29"))
        XCTAssertNotNil(LocalDate(iso: "2028-02-29"))
        XCTAssertNil(LocalDate(iso: "2026-04-31"))
        XCTAssertNil(LocalDate(iso: "2026-13-01"))
        XCTAssertNil(LocalDate(iso: "2026-1-01"))
        XCTAssertNil(LocalDate(iso: "+026-01-01"))
        XCTAssertNil(LocalTime(text: "24:00"))
        XCTAssertNil(LocalTime(text: "12:60"))
        XCTAssertNil(LocalTime(text: "+1:00"))
    }

    func testDayNumbersRoundTripAndWeekdaysAreRight() {
        XCTAssertEqual(date("1970-01-01").dayNumber, 0)
        XCTAssertEqual(date("2026-11-29").weekday, .sun)
        XCTAssertEqual(date("2028-02-29").weekday, .tue)
        for number in stride(from: -1000, to: 40_000, by: 37) {
            XCTAssertEqual(LocalDate(dayNumber: number).dayNumber, number)
        }
        XCTAssertEqual(Weekday.parseList("fri-mon"), [.fri, .sat, .sun, .mon])
        XCTAssertNil(Weekday.parseList("monday"))
    }
}
