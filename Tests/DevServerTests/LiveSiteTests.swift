import BookingService
import CivilTime
import DevServer
import Foundation
import HTTPServer
import SiteBuilder
import TestSupport
import XCTest

/// Rebuild on change with a temp copy of the sample content and templates, polled every 50 ms.
final class LiveSiteTests: XCTestCase {
    func testAChangeRebuildsReloadsAndAMistakeKeepsTheLastGoodBuild() async throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-livesite")
        let root = SharedFolder.projectRoot
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("site-templates"), to: folder.url.appendingPathComponent("templates"))
        let lines = Lines()
        let reloads = Lines()
        let live = LiveSite(
            rebuilder: SiteRebuilder(content: folder.url.appendingPathComponent("content"),
                                     templates: folder.url.appendingPathComponent("templates"),
                                     output: folder.url.appendingPathComponent("output"),
                                     overrides: SiteOverrides(serviceURL: URL(string: "http://127.0.0.1:9999"))),
            pollInterval: .milliseconds(50), log: lines.append, onRebuilt: { reloads.append("reload") })
        try live.buildNow()
        let router = DevRouter(service: ClosureResponder { _ in .text(200, "service") },
                               isServicePath: { BookingServiceRoutes.owns(path: $0) },
                               site: StaticFileResponder(root: folder.path + "/output"), version: live.version,
                               problem: live.problem)
        let read = { @Sendable (path: String) async -> String in await Self.body(router, path) }
        var current = await read("/__dev/version")
        XCTAssertEqual(current, "{\"version\":1}")
        var page = await read("/restaurants/jipbap/")
        XCTAssertTrue(page.contains("맛있는 집밥"))
        live.startWatching()

        let restaurant = "content/restaurants/jipbap.json"
        let original = try folder.read(restaurant)
        try folder.write(restaurant, original.replacingOccurrences(of: "맛있는 집밥", with: "새로 바뀐 집밥"))
        let rebuilt = await eventually { await read("/__dev/version") == "{\"version\":2}" }
        XCTAssertTrue(rebuilt, lines.text)
        page = await read("/restaurants/jipbap/")
        XCTAssertTrue(page.contains("새로 바뀐 집밥"))
        XCTAssertTrue(page.contains("data-version=\"2\""))
        XCTAssertTrue(lines.text.contains("rebuilt after a change to content/restaurants/jipbap.json"), lines.text)
        let reloadedService = await eventually { reloads.count == 1 }
        XCTAssertTrue(reloadedService, "the service is told to reload its content")

        // A mistake: the problems are printed, the last good pages stay, the version stays.
        try folder.write(restaurant, original.replacingOccurrences(of: "\"depositPerPerson\": 15000", with: "\"depositPerPerson\": 0"))
        let refused = await eventually { lines.text.contains("not rebuilt") }
        XCTAssertTrue(refused, lines.text)
        XCTAssertTrue(lines.text.contains("restaurants/jipbap.json: tables[2].depositPerPerson"), lines.text)
        XCTAssertTrue(lines.text.contains("still serving the last good build"))
        // Open pages are told, in Korean, with the file and field (LiveReloadScript shows it).
        current = await read("/__dev/version")
        let status = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(current.utf8)) as? [String: Any])
        XCTAssertEqual(status["version"] as? Int, 2)
        let problem = try XCTUnwrap(status["problem"] as? String, current)
        XCTAssertTrue(problem.contains("restaurants/jipbap.json: tables[2].depositPerPerson: 0보다 커야 합니다"), problem)
        page = await read("/restaurants/jipbap/")
        XCTAssertTrue(page.contains("새로 바뀐 집밥"))
        XCTAssertEqual(reloads.count, 1, "refused content is not handed to the service")

        // Fixed (and a template edit counts too).
        try folder.write(restaurant, original)
        let fixed = await eventually { await read("/__dev/version") == "{\"version\":3}" }  // and no "problem"
        XCTAssertTrue(fixed, lines.text)
        page = await read("/restaurants/jipbap/")
        XCTAssertTrue(page.contains("맛있는 집밥"))
        let layout = "templates/layout.mustache"
        try folder.write(layout, try folder.read(layout).replacingOccurrences(of: "본문으로 건너뛰기", with: "본문 바로가기"))
        let templateRebuilt = await eventually { await read("/__dev/version") == "{\"version\":4}" }
        XCTAssertTrue(templateRebuilt, lines.text)
        page = await read("/")
        XCTAssertTrue(page.contains("본문 바로가기"))
        await live.stop()
    }

    /// The service's refusal (an edit that would sell booked seats twice) stops the rebuild: the
    /// pages keep the last good build and the service is not reloaded; without it, the same edit builds.
    func testARefusalBeforeTheRebuildKeepsTheLastGoodBuild() async throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-livesite-refusal")
        let root = SharedFolder.projectRoot
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("site-templates"), to: folder.url.appendingPathComponent("templates"))
        let lines = Lines(), reloads = Lines(), refusing = Lines()
        refusing.append("refuse")
        let live = LiveSite(
            rebuilder: SiteRebuilder(content: folder.url.appendingPathComponent("content"),
                                     templates: folder.url.appendingPathComponent("templates"),
                                     output: folder.url.appendingPathComponent("output"),
                                     overrides: SiteOverrides(serviceURL: URL(string: "http://127.0.0.1:9999"))),
            pollInterval: .milliseconds(50), log: lines.append, onRebuilt: { reloads.append("reload") },
            refusal: { refusing.count > 0 ? "restaurants/euljiro-gogi.json: tables: table 'drum2' is gone" : nil })
        try live.buildNow()
        live.startWatching()
        let restaurant = "content/restaurants/euljiro-gogi.json"
        let original = try folder.read(restaurant)
        try folder.write(restaurant, original.replacingOccurrences(of: "\"drum2\"", with: "\"drum-2\""))
        let refused = await eventually { lines.text.contains("not rebuilt") }
        XCTAssertTrue(refused, lines.text)
        XCTAssertTrue(lines.text.contains("table 'drum2' is gone"), lines.text)
        XCTAssertEqual(live.version.current, 1)
        XCTAssertEqual(reloads.count, 0)
        await live.stop()

        let control = LiveSite(
            rebuilder: live.rebuilder, pollInterval: .milliseconds(50), log: lines.append, onRebuilt: { reloads.append("reload") })
        try control.buildNow()
        control.startWatching()
        try folder.write(restaurant, original.replacingOccurrences(of: "\"drum2\"", with: "\"drum-3\""))
        let rebuilt = await eventually { reloads.count == 1 }
        XCTAssertTrue(rebuilt, "without a refusal the same kind of edit rebuilds: \(lines.text)")
        await control.stop()
    }

    /// Issue 19: `yeyak dev` left running across midnight in Seoul rebuilds by itself, so the
    /// booking page offers the new last day of a "nextDays" rule (euljiro-gogi: mon-sat, 14 days).
    /// The control with the clock rebuild off keeps the old pages.
    func testCrossingSeoulMidnightRebuildsThePagesWithTheNewLastDay() async throws {
        let enabled = try await crossMidnight(rebuildOnSchedule: true)
        XCTAssertTrue(enabled.offersNewDay, enabled.log)
        XCTAssertTrue(enabled.log.contains("rebuilt at 2026-03-10T15:00:00+00:00 (a new day or a slot start)"), enabled.log)
        XCTAssertEqual(enabled.version, 2, "open pages reload")
        let control = try await crossMidnight(rebuildOnSchedule: false)
        XCTAssertFalse(control.offersNewDay, "without the clock rebuild the pages stay: \(control.log)")
        XCTAssertEqual(control.version, 1)
    }

    func crossMidnight(rebuildOnSchedule: Bool) async throws -> (offersNewDay: Bool, log: String, version: Int) {
        let folder = try TemporaryDirectory(prefix: "yeyak-livesite-midnight")
        let root = SharedFolder.projectRoot
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("site-templates"), to: folder.url.appendingPathComponent("templates"))
        // Tuesday 2026-03-10 23:59 in Seoul: the rule sells 10-23 March; after midnight also the 24th.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_773_154_740))
        let lines = Lines()
        let live = LiveSite(
            rebuilder: SiteRebuilder(content: folder.url.appendingPathComponent("content"),
                                     templates: folder.url.appendingPathComponent("templates"),
                                     output: folder.url.appendingPathComponent("output"),
                                     overrides: SiteOverrides(serviceURL: URL(string: "http://127.0.0.1:9999")), clock: clock),
            pollInterval: .milliseconds(50), log: lines.append,
            sleeper: rebuildOnSchedule ? WallClockSleeper(recheckEvery: 0.005) : nil)
        try live.buildNow()
        let newDay = "euljiro-gogi.drum2.20260324.1700"
        let page = { try String(contentsOf: folder.url.appendingPathComponent("output/restaurants/euljiro-gogi/book/index.html"), encoding: .utf8) }
        XCTAssertFalse(try page().contains(newDay), "not before midnight")
        XCTAssertTrue(try page().contains("euljiro-gogi.drum2.20260323.1700"))
        live.startWatching()
        clock.advance(by: 120)
        let offered = await eventually(seconds: rebuildOnSchedule ? 10 : 1) { (try? page().contains(newDay)) ?? false }
        await live.stop()
        return (offered, lines.text, live.version.current)
    }

    static func body(_ router: DevRouter, _ path: String) async -> String {
        let response = await router.respond(to: HTTPRequest(method: "GET", target: path, path: path))
        return String(decoding: response.body, as: UTF8.self)
    }

    /// Polls `condition` for up to 10 seconds (the watcher polls every 50 ms).
    func eventually(seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<Int(seconds * 50) {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// Log lines collected from another task.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
    var count: Int { lock.withLock { lines.count } }
}
