import CivilTime
import XCTest

final class CivilDaysTests: XCTestCase {
    func testKnownDays() {
        XCTAssertEqual(CivilDays.from(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilDays.from(year: 2026, month: 12, day: 24), 20_811)
        XCTAssertEqual(CivilDays.from(year: 2028, month: 2, day: 29), 21_243)
        XCTAssertEqual(CivilDays.from(year: 1969, month: 12, day: 31), -1)
        XCTAssertTrue(CivilDays.date(21_243) == (2028, 2, 29))
        XCTAssertTrue(CivilDays.date(-1) == (1969, 12, 31))
    }

    func testRoundTripAcrossCenturiesAndLeapRules() {
        for days in stride(from: -800_000, to: 800_000, by: 97) {
            let date = CivilDays.date(days)
            XCTAssertEqual(CivilDays.from(year: date.year, month: date.month, day: date.day), days)
        }
        XCTAssertTrue(CivilDays.date(CivilDays.from(year: 2100, month: 3, day: 1) - 1) == (2100, 2, 28), "2100 is not a leap year")
        XCTAssertTrue(CivilDays.date(CivilDays.from(year: 2000, month: 3, day: 1) - 1) == (2000, 2, 29), "2000 is")
    }

    func testSplittingSecondsRoundsDownBefore1970() {
        XCTAssertTrue(CivilDays.split(seconds: 86_400 + 5) == (1, 5))
        XCTAssertTrue(CivilDays.split(seconds: -1) == (-1, 86_399))
        XCTAssertTrue(CivilDays.split(seconds: -86_400) == (-1, 0))
    }
}
