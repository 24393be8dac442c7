import Foundation
import XCTest
@testable import BookingService

/// "캘린더에 추가": a valid RFC 5545 file (VCALENDAR/VEVENT, UTC times, escaped text, CRLF,
/// lines folded at 75 octets without splitting a character), offered as a data: link.
final class BookingCalendarTests: XCTestCase {
    let event = BookingCalendar.Event(
        uid: "AHMqSY4GaDTO0lHt-7G-pEmY@yeyak", startsAt: Date(timeIntervalSince1970: 1_798_102_800),  // 2026-12-24 18:00 KST
        stampedAt: Date(timeIntervalSince1970: 1_798_000_000), summary: "맛있는 집밥; 예약, 2명",
        location: "서울특별시 마포구 월드컵북로4길 21, 1층 \\ 뒷문",
        description: "예약번호 K7QX-2M9P\n12월 24일 (목) 오후 6:00 도착\n2명 · 창가 2인석\n식당 전화 02-123-4567 — 주차는 건물 뒤편 공영주차장을 이용해 주세요")

    func testTheFileIsAValidCalendarWithOneEventInUTC() throws {
        let file = BookingCalendar.file(event)
        XCTAssertTrue(file.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        XCTAssertTrue(file.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        let physical = file.components(separatedBy: "\r\n").dropLast()
        XCTAssertFalse(physical.contains { $0.contains("\n") || $0.contains("\r") }, "every line ends with CRLF, no bare LF")
        for line in physical { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        // Unfolded (RFC 5545 3.1): a CRLF followed by one space is removed.
        let unfolded = file.replacingOccurrences(of: "\r\n ", with: "")
        let lines = unfolded.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.contains("DTSTART:20261224T090000Z"), "18:00 in Seoul is 09:00 UTC: \(lines)")
        XCTAssertTrue(lines.contains("DTEND:20261224T110000Z"), "two hours")
        XCTAssertTrue(lines.contains("DTSTAMP:20261223T042640Z"))
        XCTAssertTrue(lines.contains("UID:AHMqSY4GaDTO0lHt-7G-pEmY@yeyak"))
        XCTAssertTrue(lines.contains("SUMMARY:맛있는 집밥\\; 예약\\, 2명"), "; and , escaped")
        XCTAssertTrue(lines.contains("LOCATION:서울특별시 마포구 월드컵북로4길 21\\, 1층 \\\\ 뒷문"), "backslash escaped")
        XCTAssertTrue(lines.contains { $0.hasPrefix("DESCRIPTION:예약번호 K7QX-2M9P\\n12월 24일") }, "newlines as \\n")
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VEVENT" }.count, 1)
        XCTAssertTrue(physical.contains { $0.hasPrefix(" ") }, "the long description is folded")
        XCTAssertTrue(physical.allSatisfy { String(data: Data($0.utf8), encoding: .utf8) != nil }, "no character split")
    }

    func testTheDataLinkDecodesToTheFile() {
        let url = BookingCalendar.dataURL(event)
        XCTAssertTrue(url.hasPrefix("data:text/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0A"))
        let payload = String(url.dropFirst("data:text/calendar;charset=utf-8,".count))
        XCTAssertEqual(payload.removingPercentEncoding, BookingCalendar.file(event))
        XCTAssertFalse(payload.contains(" ") || payload.contains("#") || payload.contains("\""), "safe inside an href")
    }
}
