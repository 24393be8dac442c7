import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SiteBuilder
import TestSupport
import XCTest

/// A rebuild with nothing changed skips loading and rendering; every kind of change (content,
/// templates, assets, images, options, the clock, the output itself) must still be built.
final class UpToDateBuildTests: XCTestCase {
    /// The fixture's templates, copied so a test can edit them.
    func copyTemplates(_ fixture: SiteFixture) throws -> URL {
        let copy = fixture.folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: SiteFixture.templates, to: copy)
        return copy
    }

    func build(_ fixture: SiteFixture, templates: URL = SiteFixture.templates, overrides: SiteOverrides = SiteOverrides(),
               now: Date = SiteFixture.now) throws -> BuildReport {
        try SiteBuilder.build(content: fixture.content, templates: templates, output: fixture.output, overrides: overrides, now: now)
    }

    /// Seoul wall-clock time on the fixture's calendar, e.g. `at("2026-12-20T18:00")`.
    func at(_ text: String, plusSeconds seconds: TimeInterval = 0) -> Date {
        ISO8601DateFormatter().date(from: text + ":00+09:00")!.addingTimeInterval(seconds)
    }

    /// Rewrites `path` with `edit` applied and puts its modification time back to the
    /// nanosecond, as a careful tool could: only the change time still tells.
    func editKeepingTime(_ path: String, _ edit: (String) -> String) throws {
        var before = stat()
        XCTAssertEqual(stat(path, &before), 0)
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: false, encoding: .utf8)
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        var after = stat()
        XCTAssertEqual(stat(path, &after), 0)
        XCTAssertEqual([after.st_size, after.st_mtim.tv_sec, after.st_mtim.tv_nsec], [before.st_size, before.st_mtim.tv_sec, before.st_mtim.tv_nsec])
    }

    /// Adds a restaurant with a slot today at 18:00 and a rolling "next 1 day" lunch at 12:00.
    func writeTodayRestaurant(_ fixture: SiteFixture) throws {
        try fixture.folder.write("content/restaurants/today.json", """
            {"name": "오늘 식당", "description": "오늘", "address": "서울 1", "phone": "02-123-4567", "kind": "standard",
             "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
             "tables": [{"id": "t2", "name": "2인석", "seats": 2, "depositPerPerson": 10000}],
             "weekly": [{"days": ["mon-sun"], "times": ["12:00"], "nextDays": 1}],
             "slots": [{"table": "t2", "start": "2026-12-20T18:00"}]}
            """)
    }

    func testNothingChangedSkipsTheBuildAndWritesNothing() throws {
        let fixture = try SiteFixture()
        let first = try build(fixture)
        XCTAssertFalse(first.upToDate)
        let manifest = try Data(contentsOf: fixture.output.appendingPathComponent(".yeyak-build.json"))
        var times: [String: Date] = [:]
        for file in fixture.outputFiles() + [".yeyak-build.json"] { times[file] = try fixture.modificationDate(file) }

        let again = try build(fixture, now: SiteFixture.now.addingTimeInterval(3600))
        XCTAssertTrue(again.upToDate, "an hour later, before midnight and any slot start, nothing can differ")
        XCTAssertEqual(again.written, 0)
        XCTAssertEqual(again.unchanged, first.written)
        XCTAssertEqual(again.pages, first.pages)
        XCTAssertEqual(again.restaurants, 2)
        for file in fixture.outputFiles() + [".yeyak-build.json"] {
            XCTAssertEqual(try fixture.modificationDate(file), times[file], file)
        }
        XCTAssertEqual(try Data(contentsOf: fixture.output.appendingPathComponent(".yeyak-build.json")), manifest)
    }

    func testAContentEditKeepingSizeAndTimeIsBuilt() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try editKeepingTime(fixture.content.appendingPathComponent("restaurants/jipbap.json").path) {
            $0.replacingOccurrences(of: "맛있는 집밥", with: "맛있는 밥집")
        }

        let report = try build(fixture)
        XCTAssertFalse(report.upToDate)
        XCTAssertTrue(try fixture.read("restaurants/jipbap/index.html").contains("맛있는 밥집"))
        XCTAssertTrue(try fixture.read("index.html").contains("맛있는 밥집"))
    }

    func testAddedAndRemovedRestaurantFilesAreBuilt() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try fixture.writeRestaurant("gukbap", name: "국밥 한 그릇")
        XCTAssertFalse(try build(fixture).upToDate)
        XCTAssertTrue(try fixture.read("restaurants/gukbap/index.html").contains("국밥 한 그릇"))
        try fixture.removeRestaurant("gukbap")
        let report = try build(fixture)
        XCTAssertEqual(report.removed, 2)
        XCTAssertFalse(fixture.exists("restaurants/gukbap/index.html"))
    }

    func testTemplateAssetAndImageChangesAreBuilt() throws {
        let fixture = try SiteFixture()
        let templates = try copyTemplates(fixture)
        _ = try build(fixture, templates: templates)

        let partial = templates.appendingPathComponent("partials/refund-policy.mustache")
        try (String(contentsOf: partial, encoding: .utf8) + "<!-- policy v2 -->\n").write(to: partial, atomically: false, encoding: .utf8)
        XCTAssertFalse(try build(fixture, templates: templates).upToDate)
        XCTAssertTrue(try fixture.read("restaurants/jipbap/book/index.html").contains("policy v2"))

        try fixture.folder.write("templates/assets/site.css", "body { color: red }")
        XCTAssertFalse(try build(fixture, templates: templates).upToDate)
        XCTAssertEqual(try fixture.read("assets/site.css"), "body { color: red }")

        try fixture.folder.write("content/images/jipbap.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>")
        XCTAssertFalse(try build(fixture, templates: templates).upToDate)
        XCTAssertEqual(try fixture.read("images/jipbap.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>")
    }

    func testChangedOverridesAreBuilt() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        let local = SiteOverrides(serviceURL: URL(string: "http://127.0.0.1:8123")!)
        XCTAssertFalse(try build(fixture, overrides: local).upToDate)
        XCTAssertTrue(try fixture.read("restaurants/jipbap/book/index.html").contains("http://127.0.0.1:8123"))

        XCTAssertFalse(try build(fixture, overrides: SiteOverrides(fileLinks: true)).upToDate)
        XCTAssertTrue(try fixture.read("index.html").contains("restaurants/jipbap/index.html"))
    }

    func testASlotStartingIsBuiltEvenOnTheSameDay() throws {
        let fixture = try SiteFixture()
        try writeTodayRestaurant(fixture)
        _ = try build(fixture, now: at("2026-12-20T13:00"))
        XCTAssertTrue(try fixture.read("restaurants/today/index.html").contains("today.t2.20261220.1800"))

        XCTAssertTrue(try build(fixture, now: at("2026-12-20T17:59")).upToDate)
        let report = try build(fixture, now: at("2026-12-20T18:00"))
        XCTAssertFalse(report.upToDate, "the 18:00 slot is no longer bookable at 18:00")
        XCTAssertFalse(try fixture.read("restaurants/today/index.html").contains("today.t2.20261220.1800"))
    }

    func testMidnightMovesRollingRulesOn() throws {
        let fixture = try SiteFixture()
        try writeTodayRestaurant(fixture)
        _ = try build(fixture, now: at("2026-12-20T19:00"))
        XCTAssertFalse(try fixture.read("restaurants/today/index.html").contains("today.t2.20261221.1200"))

        // No slot starts between 19:00 and 12:00 tomorrow: only the new day changes the page.
        let report = try build(fixture, now: at("2026-12-21T00:00", plusSeconds: 1))
        XCTAssertFalse(report.upToDate)
        XCTAssertTrue(try fixture.read("restaurants/today/index.html").contains("today.t2.20261221.1200"))
    }

    func testAClockSetBackIsBuilt() throws {
        let fixture = try SiteFixture()
        try writeTodayRestaurant(fixture)
        _ = try build(fixture, now: at("2026-12-20T18:30"))
        XCTAssertFalse(try fixture.read("restaurants/today/index.html").contains("today.t2.20261220.1800"))
        XCTAssertFalse(try build(fixture, now: at("2026-12-20T17:00")).upToDate)
        XCTAssertTrue(try fixture.read("restaurants/today/index.html").contains("today.t2.20261220.1800"))
    }

    func testDeletedOrHandEditedOutputIsRestored() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try FileManager.default.removeItem(at: fixture.output.appendingPathComponent("restaurants/jipbap/book/index.html"))
        XCTAssertFalse(try build(fixture).upToDate)
        XCTAssertTrue(fixture.exists("restaurants/jipbap/book/index.html"))

        // Same size and time as the build left it: only the bytes differ.
        let original = try fixture.read("assets/site.css")
        try editKeepingTime(fixture.output.appendingPathComponent("assets/site.css").path) {
            String(repeating: "x", count: $0.utf8.count)
        }
        XCTAssertEqual(try build(fixture).written, 1)
        XCTAssertEqual(try fixture.read("assets/site.css"), original)
    }

    func testBrokenContentAfterAGoodBuildIsReported() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try fixture.folder.write("content/restaurants/jipbap.json", "{\"name\": \"x\",}")
        for _ in 0..<2 {
            XCTAssertThrowsError(try build(fixture)) { error in
                XCTAssertTrue("\(error)".contains("restaurants/jipbap.json: JSON 문법 오류 (1행"), "\(error)")
            }
        }
    }
}
