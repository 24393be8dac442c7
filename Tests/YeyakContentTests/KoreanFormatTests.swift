import XCTest
@testable import YeyakContent

final class KoreanFormatTests: XCTestCase {
    func testWon() {
        XCTAssertEqual(KoreanFormat.won(20_000), "20,000원")
        XCTAssertEqual(KoreanFormat.won(100), "100원")
        XCTAssertEqual(KoreanFormat.won(1_234_567), "1,234,567원")
        XCTAssertEqual(KoreanFormat.won(0), "0원")
    }

    func testDateAndTimeReadLikeAKoreanCalendar() {
        XCTAssertEqual(KoreanFormat.dateTime(LocalDateTime(iso: "2026-12-19T18:00")!), "12월 19일 (토) 오후 6:00")
        XCTAssertEqual(KoreanFormat.time(LocalTime(text: "12:00")!), "오후 12:00")
        XCTAssertEqual(KoreanFormat.time(LocalTime(text: "00:30")!), "오전 12:30")
        XCTAssertEqual(KoreanFormat.time(LocalTime(text: "09:05")!), "오전 9:05")
    }

    func testRefundPolicy() {
        let policy = RefundPolicy(fullRefundHoursBefore: 24, penaltyPercent: 20)
        let start = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertEqual(policy.refund(deposit: 30_000, startsAt: start, cancelledAt: start.addingTimeInterval(-25 * 3600)), 30_000)
        XCTAssertEqual(policy.refund(deposit: 30_000, startsAt: start, cancelledAt: start.addingTimeInterval(-23 * 3600)), 24_000)
        XCTAssertEqual(policy.refund(deposit: 10_005, startsAt: start, cancelledAt: start), 8_004, "penalty rounds down")
        XCTAssertTrue(policy.koreanDescription.contains("24시간 전까지"))
        XCTAssertTrue(policy.koreanDescription.contains("20%"))
    }
}
