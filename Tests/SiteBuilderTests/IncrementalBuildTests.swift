import Foundation
import SiteBuilder
import TestSupport
import XCTest

/// Rebuilds touch only what changed, and remove only what the build itself wrote.
final class IncrementalBuildTests: XCTestCase {
    func build(_ fixture: SiteFixture) throws -> BuildReport {
        try SiteBuilder.build(content: fixture.content, templates: SiteFixture.templates, output: fixture.output, now: SiteFixture.now)
    }

    func modificationDates(_ fixture: SiteFixture) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for file in fixture.outputFiles() { dates[file] = try fixture.modificationDate(file) }
        return dates
    }

    /// Older times on every file, so a rewrite shows up even within the file system's clock tick.
    func backdate(_ fixture: SiteFixture) throws {
        let past = Date(timeIntervalSinceNow: -3600)
        for file in fixture.outputFiles() {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: fixture.output.appendingPathComponent(file).path)
        }
    }

    func testNoChangeRebuildWritesNothingAndKeepsTimes() throws {
        let fixture = try SiteFixture()
        let first = try build(fixture)
        XCTAssertEqual(first.written, 15)
        // Nanosecond file times: any rewrite, even within the same millisecond, changes them.
        let before = try modificationDates(fixture)
        let again = try build(fixture)
        XCTAssertEqual(again.written, 0)
        XCTAssertEqual(again.unchanged, 15)
        XCTAssertEqual(again.removed, 0)
        XCTAssertFalse(again.changedOutput)
        XCTAssertEqual(try modificationDates(fixture), before)
        XCTAssertTrue(again.summary.hasPrefix("0 written, 15 unchanged, 0 removed in "), again.summary)
    }

    func testChangedRestaurantRewritesItsPagesAndTheListOnly() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try backdate(fixture)
        let before = try modificationDates(fixture)
        try fixture.writeRestaurant("sushi-hana", name: "스시 하나 본점", deposit: 30000)
        let report = try build(fixture)
        let after = try modificationDates(fixture)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        XCTAssertEqual(changed, [".yeyak-build.json", "index.html", "restaurants/sushi-hana/index.html", "restaurants/sushi-hana/book/index.html"])
        XCTAssertEqual(report.written, 3)
        XCTAssertTrue(try fixture.read("index.html").contains("스시 하나 본점"))
    }

    func testRemovedRestaurantsPagesGoButFilesTheBuildDidNotWriteStay() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try fixture.folder.write("output/restaurants/sushi-hana/notes.txt", "the editor's own file")
        try fixture.folder.write("output/CNAME", "yeyak.example")
        try fixture.removeRestaurant("sushi-hana")
        let report = try build(fixture)
        XCTAssertEqual(report.removed, 2)
        XCTAssertFalse(fixture.exists("restaurants/sushi-hana/index.html"))
        XCTAssertFalse(fixture.exists("restaurants/sushi-hana/book/index.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("restaurants/sushi-hana/book").path),
                       "the emptied folder goes too")
        XCTAssertTrue(fixture.exists("restaurants/sushi-hana/notes.txt"))
        XCTAssertTrue(fixture.exists("CNAME"))
        XCTAssertFalse(try fixture.read("index.html").contains("스시 하나"))
        XCTAssertFalse(try fixture.read("sitemap.xml").contains("sushi-hana"))
    }

    func testAnOutputFileEditedByHandIsRestored() throws {
        let fixture = try SiteFixture()
        _ = try build(fixture)
        try fixture.folder.write("output/restaurants/jipbap/index.html", "broken")
        let report = try build(fixture)
        XCTAssertEqual(report.written, 1)
        XCTAssertTrue(try fixture.read("restaurants/jipbap/index.html").contains("맛있는 집밥"))
    }

    func testContentProblemsStopTheBuildWithTheCheckMessages() throws {
        let fixture = try SiteFixture()
        try fixture.folder.write("content/restaurants/bad.json", "{\"name\": \"x\",}")
        XCTAssertThrowsError(try build(fixture)) { error in
            XCTAssertTrue("\(error)".contains("restaurants/bad.json: JSON 문법 오류 (1행"), "\(error)")
        }
        XCTAssertFalse(fixture.exists("index.html"))
    }
}
