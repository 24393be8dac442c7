import TestSupport
import XCTest
@testable import YeyakContent

final class ContentLoaderTests: XCTestCase {
    static let site = """
        {
          "title": "예약",
          "baseURL": "https://yeyak.example/",
          "serviceURL": "https://api.yeyak.example",
          "timeZone": "Asia/Seoul",
          "currency": "KRW",
          "toss": { "clientKey": "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", "sdkURL": "https://js.tosspayments.com/v2/standard" }
        }
        """

    static let jipbap = """
        {
          "name": "맛있는 집밥",
          "description": "집밥",
          "address": "서울특별시 마포구",
          "phone": "02-332-1845",
          "refundPolicy": { "fullRefundHoursBefore": 24, "penaltyPercent": 20 },
          "tables": [
            { "id": "t2", "name": "2인석", "seats": 2, "depositPerPerson": 10000 },
            { "id": "t4", "name": "4인석", "seats": 4, "depositPerPerson": 20000 }
          ],
          "weekly": [
            { "tables": ["t2"], "days": ["mon-fri"], "times": ["12:00", "18:00"], "seats": 8, "nextDays": 14 },
            { "tables": ["t4"], "days": ["sat"], "times": ["18:00"], "from": "2026-12-01", "until": "2026-12-31" }
          ]
        }
        """

    /// 2026-11-30 10:00 in Seoul (a Monday).
    let now = LocalDateTime(iso: "2026-11-30T10:00")!.instant(in: TimeZone(identifier: "Asia/Seoul")!)

    func makeContent(site: String = site, restaurants: [String: String] = ["jipbap": jipbap]) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try folder.write("site.json", site)
        for (slug, text) in restaurants { try folder.write("restaurants/\(slug).json", text) }
        return folder
    }

    func problems(site: String = site, restaurants: [String: String]) throws -> [String] {
        let folder = try makeContent(site: site, restaurants: restaurants)
        do {
            _ = try ContentLoader.load(from: folder.url, now: now)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    func testValidContentLoads() throws {
        let folder = try makeContent()
        let content = try ContentLoader.load(from: folder.url, now: now)
        XCTAssertEqual(content.site.timeZone.identifier, "Asia/Seoul")
        let restaurant = try XCTUnwrap(content.restaurant("jipbap"))
        XCTAssertEqual(restaurant.tables.map(\.depositPerPerson), [10_000, 20_000])
        // 14 days from Monday 2026-11-30: 10 weekdays x 2 times, plus 5 Saturdays in December.
        XCTAssertEqual(restaurant.slots.filter { $0.tableId == "t2" }.count, 20)
        XCTAssertEqual(restaurant.slots.filter { $0.tableId == "t4" }.count, 4)
        XCTAssertEqual(restaurant.slots.first?.id, "jipbap.t2.20261130.1200")
        XCTAssertEqual(content.slot("jipbap.t4.20261205.1800")?.slot.capacity, 4)
    }

    func testSlotIdsSurviveUnrelatedEdits() throws {
        let original = try makeContent()
        let before = try ContentLoader.load(from: original.url, now: now)
        // Rename a table, change a deposit, add a rule for another table, close one t4 Saturday.
        let edited = Self.jipbap
            .replacingOccurrences(of: "\"name\": \"2인석\"", with: "\"name\": \"창가 2인석\"")
            .replacingOccurrences(of: "\"depositPerPerson\": 20000", with: "\"depositPerPerson\": 25000")
            .replacingOccurrences(of: "\"weekly\": [", with: """
                "slots": [{ "table": "t4", "start": "2026-12-12T18:00", "closed": true }],
                "weekly": [
                  { "tables": ["t4"], "days": ["sun"], "times": ["12:00"], "nextDays": 7 },
                """)
        let editedFolder = try makeContent(restaurants: ["jipbap": edited])
        let after = try ContentLoader.load(from: editedFolder.url, now: now)
        let beforeIds = Set(before.restaurants[0].slots.map(\.id))
        let afterIds = Set(after.restaurants[0].slots.map(\.id))
        XCTAssertEqual(beforeIds.subtracting(afterIds), ["jipbap.t4.20261212.1800"], "only the closed slot goes")
        XCTAssertEqual(afterIds.subtracting(beforeIds), ["jipbap.t4.20261206.1200"], "only the new rule's slot comes")
        // A rebuild a day later keeps every id that is still in range.
        let tomorrow = try ContentLoader.load(from: original.url, now: now.addingTimeInterval(86_400))
        XCTAssertTrue(Set(tomorrow.restaurants[0].slots.map(\.id)).isSuperset(of: beforeIds.filter { !$0.contains(".20261130.") }))
    }

    func testEveryPlantedMistakeIsNamedAtOnce() throws {
        let broken = """
            {
              "name": "맛있는 집밥",
              "description": "집밥",
              "adress": "서울특별시 마포구",
              "phone": "02-332-1845",
              "kind": "fancy",
              "refundPolicy": { "fullRefundHoursBefore": 24, "penaltyPercent": 20 },
              "tables": [
                { "id": "t2", "name": "2인석", "seats": 0, "depositPerPerson": 10000 },
                { "id": "t4", "name": "4인석", "seats": 4, "depositPerPerson": -5000 },
                { "id": "t4", "name": "4인석 B", "seats": 4, "depositPerPerson": 10000 }
              ],
              "weekly": [
                { "tables": ["t3"], "days": ["mon", "funday"], "times": ["25:00"], "nextDays": 7 },
                { "tables": ["t4"], "days": ["sat"], "times": ["18:00"], "from": "2026-02-30", "until": "2026-03-31" }
              ],
              "slots": [{ "table": "t4", "start": "2026-12-24T18:00", "seats": 2.5 }]
            }
            """
        let found = try problems(
            site: Self.site.replacingOccurrences(of: "Asia/Seoul", with: "Asia/Busan"),
            restaurants: ["jipbap": broken, "bad-json": "{\n  \"name\": \"x\",\n}"])
        let expected = [
            "site.json: timeZone: 알 수 없는 시간대입니다 ('Asia/Busan'). Asia/Seoul 같은 IANA 이름을 쓰세요",
            "restaurants/bad-json.json: JSON 문법 오류 (3행 1열): trailing comma before '}'",
            "restaurants/jipbap.json: adress: 알 수 없는 항목입니다 (4행). 혹시 'address'인가요?",
            "restaurants/jipbap.json: address: 꼭 있어야 하는 항목입니다",
            "restaurants/jipbap.json: kind: \"standard\"(위약금 최대 20%) 또는 \"premium\"",
            "restaurants/jipbap.json: tables[0].seats: 1석부터 50석까지여야 합니다. 지금은 0입니다",
            "restaurants/jipbap.json: tables[1].depositPerPerson: 0보다 커야 합니다 (1인 예약금, 원 단위, 최대 1,000,000원). 지금은 -5000입니다",
            "restaurants/jipbap.json: tables[2].id: 테이블 id가 겹칩니다 ('t4')",
            "restaurants/jipbap.json: weekly[0].tables[0]: 없는 테이블입니다 ('t3'). 혹시 't2'인가요?",
            "restaurants/jipbap.json: weekly[0].days[1]: 요일이 아닙니다 ('funday')",
            "restaurants/jipbap.json: weekly[0].times[0]: 시각이 아닙니다 ('25:00'). 18:30처럼 24시간제 HH:MM으로 쓰세요",
            "restaurants/jipbap.json: weekly[1].from: 없는 날짜입니다 ('2026-02-30'). YYYY-MM-DD로 쓰세요",
            "restaurants/jipbap.json: slots[0].seats: 소수점 없는 정수여야 합니다. 지금은 2.5입니다",
        ]
        for fragment in expected {
            XCTAssertTrue(found.contains { $0.hasPrefix(fragment) }, "missing: \(fragment)\nfound:\n\(found.joined(separator: "\n"))")
        }
        XCTAssertEqual(found.count, expected.count, "unexpected extra problems:\n\(found.joined(separator: "\n"))")
        // Editors read Korean: every message is a Korean sentence after the file and field path.
        for problem in found {
            XCTAssertTrue(problem.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "not Korean: \(problem)")
        }
    }

    func testAPIIndividualClientKeyIsRefusedForTheWidgetSite() throws {
        let windowKey = Self.site.replacingOccurrences(of: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
                                                       with: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq")
        let found = try problems(site: windowKey, restaurants: ["jipbap": Self.jipbap])
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("site.json: toss.clientKey: API 개별 연동(결제창) 클라이언트 키입니다 ('test_ck_…')"), found[0])
        XCTAssertTrue(found[0].contains("test_gck_"), "says which key to use")
    }

    func testSecretKeyMustBeOfTheClientKeysProductAndMode() {
        let widget = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"
        XCTAssertNil(TossKeyRules.secretKeyProblem(secret: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", clientKey: widget))
        let other = TossKeyRules.secretKeyProblem(secret: "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R", clientKey: widget) ?? ""
        XCTAssertTrue(other.contains("INVALID_API_KEY"), other)
        XCTAssertFalse(other.contains("zXLk"), "the secret is never echoed")
        XCTAssertNotNil(TossKeyRules.secretKeyProblem(secret: "live_gsk_abc", clientKey: widget), "live secret, test client key")
        XCTAssertNotNil(TossKeyRules.secretKeyProblem(secret: "test_gck_abc", clientKey: widget), "a client key is no secret")
        XCTAssertNil(TossKeyRules.secretKeyProblem(secret: "live_sk_abc", clientKey: "live_ck_abc"))
        XCTAssertEqual(TossKeyRules.kind(of: "live_gsk_x"), .init(product: .widget, isSecret: true, isTest: false))
        XCTAssertNil(TossKeyRules.kind(of: "pk_test_x"))
    }

    func testSecretKeyInContentIsRefused() throws {
        let leaky = Self.site.replacingOccurrences(of: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
                                                   with: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")
        let found = try problems(site: leaky, restaurants: ["jipbap": Self.jipbap])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("site.json: toss.clientKey: 토스 시크릿 키로 보입니다"), found[0])
        let hidden = Self.jipbap.replacingOccurrences(of: "\"description\": \"집밥\"", with: "\"description\": \"live_sk_abc\"")
        XCTAssertTrue(try problems(restaurants: ["jipbap": hidden]).contains { $0.hasPrefix("restaurants/jipbap.json: description: 토스 시크릿 키로 보입니다") })
    }

    func testPenaltyAboveTheFTCCapAndBadNamesAreNamed() throws {
        let greedy = Self.jipbap.replacingOccurrences(of: "\"penaltyPercent\": 20", with: "\"penaltyPercent\": 30")
        XCTAssertEqual(try problems(restaurants: ["jipbap": greedy]),
                       ["restaurants/jipbap.json: refundPolicy.penaltyPercent: 30%는 공정거래위원회 기준 standard 식당의 상한 20%를 넘습니다"])
        let premium = greedy.replacingOccurrences(of: "\"phone\"", with: "\"kind\": \"premium\", \"phone\"")
        XCTAssertEqual(try problems(restaurants: ["jipbap": premium]), [])
        XCTAssertEqual(try problems(restaurants: ["Jip Bap": Self.jipbap]).first?.hasPrefix("restaurants/Jip Bap.json: 파일 이름('Jip Bap')이 페이지 주소가 되므로"), true)
        XCTAssertEqual(try problems(restaurants: [:]), ["restaurants/: 식당 파일(*.json)이 없습니다. 식당을 하나 이상 추가하세요"])
    }

    /// Blank is white space of any kind (here a tab, a newline and the ideographic space a Korean
    /// keyboard types); a name with text in it is kept as written.
    func testBlankTextFieldsAreRefused() throws {
        let blank = Self.jipbap.replacingOccurrences(of: "\"name\": \"맛있는 집밥\"", with: "\"name\": \" \\t\\n\u{3000}\"")
        XCTAssertEqual(try problems(restaurants: ["jipbap": blank]), ["restaurants/jipbap.json: name: 비어 있으면 안 됩니다"])
        let spaced = Self.jipbap.replacingOccurrences(of: "\"name\": \"맛있는 집밥\"", with: "\"name\": \"\u{3000}집밥 \"")
        let folder = try makeContent(restaurants: ["jipbap": spaced])
        XCTAssertEqual(try ContentLoader.load(from: folder.url, now: now).restaurants.first?.name, "\u{3000}집밥 ")
    }

    func testTheShippedSampleContentIsValidAndHasFutureSlots() throws {
        let folder = SharedFolder.projectRoot.appendingPathComponent("content")
        let content = try ContentLoader.load(from: folder, now: Date())
        XCTAssertGreaterThanOrEqual(content.restaurants.count, 3)
        XCTAssertNotNil(content.restaurants.first { $0.name == "맛있는 집밥" })
        for restaurant in content.restaurants {
            XCTAssertFalse(restaurant.upcomingSlots(after: Date()).isEmpty, "\(restaurant.slug) has no future slots")
            XCTAssertEqual(Set(restaurant.tables.map(\.seats)).isSubset(of: [2, 4, 6]), true)
        }
    }
}
