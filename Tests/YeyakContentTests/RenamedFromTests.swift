import TestSupport
import XCTest
@testable import YeyakContent

/// `tables[].renamedFrom`: read, and refused with file and field when it cannot be what a table
/// was called before.
final class RenamedFromTests: XCTestCase {
    let now = LocalDateTime(iso: "2026-11-30T10:00")!.instant(in: TimeZone(identifier: "Asia/Seoul")!)

    func restaurant(tables: String) -> String {
        """
        {"name": "을지로", "description": "고기", "address": "서울", "phone": "02-1",
         "refundPolicy": {"fullRefundHoursBefore": 12, "penaltyPercent": 10},
         "tables": [\(tables)],
         "weekly": [{"days": ["mon-sun"], "times": ["19:00"], "seats": 12, "nextDays": 3}]}
        """
    }

    func load(tables: String) throws -> Result<SiteContent, ContentErrors> {
        let folder = try TemporaryDirectory()
        try folder.write("site.json", ContentLoaderTests.site)
        try folder.write("restaurants/gogi.json", restaurant(tables: tables))
        do { return .success(try ContentLoader.load(from: folder.url, now: now)) } catch { return .failure(error) }
    }

    func testRenamedFromIsReadOntoTheTable() throws {
        let content = try load(tables: #"{"id": "drum-2", "name": "드럼통", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "drum2"}"#).get()
        XCTAssertEqual(content.restaurants[0].tables[0].renamedFrom, "drum2")
        let plain = try load(tables: #"{"id": "drum2", "name": "드럼통", "seats": 2, "depositPerPerson": 10000}"#).get()
        XCTAssertNil(plain.restaurants[0].tables[0].renamedFrom)
    }

    func testImpossibleRenamesAreNamedWithFileAndField() throws {
        let cases: [(String, String)] = [
            (#"{"id": "a", "name": "A", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "Drum 2"}"#,
             "restaurants/gogi.json: tables[0].renamedFrom: 테이블의 예전 id여야 하므로 영문 소문자, 숫자, '-'만 쓸 수 있습니다. 지금은 'Drum 2'입니다"),
            (#"{"id": "a", "name": "A", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "a"}"#,
             "restaurants/gogi.json: tables[0].renamedFrom: 이 테이블 자신의 id입니다 ('a'). renamedFrom에는 바꾸기 전의 id를 적습니다"),
            (#"{"id": "a", "name": "A", "seats": 2, "depositPerPerson": 10000}, {"id": "b", "name": "B", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "a"}"#,
             "restaurants/gogi.json: tables[1].renamedFrom: 아직 이 파일에 있는 테이블입니다 ('a'). renamedFrom에는 없어진 id를 적습니다"),
            (#"{"id": "a", "name": "A", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "old"}, {"id": "b", "name": "B", "seats": 2, "depositPerPerson": 10000, "renamedFrom": "old"}"#,
             "restaurants/gogi.json: tables[1].renamedFrom: 이미 테이블 'a'이(가) 이어받은 id입니다 ('old'). 예약은 한 테이블만 이어받을 수 있습니다"),
            (#"{"id": "a", "name": "A", "seats": 2, "depositPerPerson": 10000, "renamedFrom": 2}"#,
             "restaurants/gogi.json: tables[0].renamedFrom:"),
        ]
        for (tables, expected) in cases {
            guard case .failure(let errors) = try load(tables: tables) else { XCTFail("accepted \(tables)"); continue }
            XCTAssertTrue(errors.problems.map(\.description).contains { $0.hasPrefix(expected) }, "\(errors.problems)")
        }
    }
}
