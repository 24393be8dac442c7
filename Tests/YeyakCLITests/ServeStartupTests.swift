import Foundation
import TestSupport
import XCTest

/// Issue 19: a start that cannot serve changes nothing, and signals are handled from the first
/// instruction (real `yeyak serve` processes, a real second process, a real lock and signals).
final class ServeStartupTests: XCTestCase {
    let root = SharedFolder.projectRoot
    let secret = ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", "TOSS_API_BASE": "http://127.0.0.1:9"]
    let restaurants = ["euljiro-gogi", "jipbap", "sushi-hana"]

    func contentCopy(in folder: TemporaryDirectory, named name: String = "content") throws -> String {
        let target = folder.url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: root.appendingPathComponent("content"), to: target)
        return target.path
    }

    func serve(content: String, db: String, port: Int, environment: [String: String] = [:]) throws -> RunningProcess {
        try RunningProcess(ChildProcess.yeyakBinary, [
            "serve", "--content", content, "--db", db, "--port", "\(port)",
            "--templates", root.appendingPathComponent("site-templates").path,
        ], environment: secret.merging(environment) { $1 })
    }

    /// Every restaurant's availability as the live service reads it from the database.
    func inventory(_ port: Int) throws -> [String] {
        try restaurants.map { restaurant in
            let response = try XCTUnwrap(try RawHTTPClient.exchange(
                port: port, "GET /api/availability?restaurant=\(restaurant) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            return "\(response.status) \(response.bodyText)"
        }
    }

    func testASecondServeWithStaleContentOnTheSameDatabaseChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let content = try contentCopy(in: folder)
        let db = folder.path + "/live.sqlite"
        let port = FreePort.find()
        let live = try serve(content: content, db: db, port: port)
        XCTAssertTrue(live.waitFor("listening on"), live.printed)
        let before = try inventory(port)
        XCTAssertTrue(before.allSatisfy { $0.hasPrefix("200 ") && $0.contains("slotId") }, "\(before)")

        // A stale content folder: a restaurant that is not in it any more (its slots would go).
        let stale = try contentCopy(in: folder, named: "stale")
        try FileManager.default.removeItem(atPath: stale + "/restaurants/jipbap.json")

        // The same port: refused by the bind, before the database is opened.
        let samePort = try serve(content: stale, db: db, port: port)
        XCTAssertNotEqual(samePort.waitForExit(), 0, samePort.printed)
        XCTAssertFalse(samePort.printed.contains("inventory:"), samePort.printed)
        XCTAssertTrue(samePort.printed.contains("nothing was changed"), samePort.printed)

        // Another port: refused by the database's lock, before any write.
        let otherPort = try serve(content: stale, db: db, port: FreePort.find())
        XCTAssertNotEqual(otherPort.waitForExit(), 0, otherPort.printed)
        XCTAssertTrue(otherPort.printed.contains("another yeyak service is running on the database"), otherPort.printed)
        XCTAssertFalse(otherPort.printed.contains("inventory:"), otherPort.printed)

        // The same file by another path: a symlink and a hardlink meet the same lock (found by
        // an outside review: a lock keyed on the path let both rewrite the live inventory).
        let symlink = (db as NSString).deletingLastPathComponent + "/link.sqlite"
        let hardlink = (db as NSString).deletingLastPathComponent + "/hard.sqlite"
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: db)
        try FileManager.default.linkItem(atPath: db, toPath: hardlink)
        for other in [symlink, hardlink] {
            let intruder = try serve(content: stale, db: other, port: FreePort.find())
            XCTAssertNotEqual(intruder.waitForExit(), 0, intruder.printed)
            XCTAssertTrue(intruder.printed.contains("another yeyak service is running on the database"), intruder.printed)
            XCTAssertFalse(intruder.printed.contains("inventory:"), intruder.printed)
        }

        XCTAssertEqual(try inventory(port), before)
        live.signal(SIGTERM)
        XCTAssertEqual(live.waitForExit(), 0, live.printed)

        // The lock goes with the process: a restart on the same database starts.
        let again = try serve(content: content, db: db, port: FreePort.find())
        XCTAssertTrue(again.waitFor("listening on"), again.printed)
        again.signal(SIGTERM)
        XCTAssertEqual(again.waitForExit(), 0, again.printed)
    }

    /// A start slowed by another connection holding the database's write lock.
    func slowedStart(
        environment: [String: String] = [:], in given: TemporaryDirectory? = nil,
        _ body: (RunningProcess, SQLiteLockHolder, String) throws -> Void
    ) throws {
        let folder = try given ?? TemporaryDirectory()
        let content = try contentCopy(in: folder)
        let db = folder.path + "/db.sqlite"
        let first = try serve(content: content, db: db, port: FreePort.find())
        XCTAssertTrue(first.waitFor("listening on"), first.printed)
        first.signal(SIGTERM)
        XCTAssertEqual(first.waitForExit(), 0)

        let holder = try SQLiteLockHolder(path: db)
        let server = try serve(content: content, db: db, port: FreePort.find(), environment: environment)
        Thread.sleep(forTimeInterval: 1)
        XCTAssertTrue(server.process.isRunning, server.printed)
        XCTAssertFalse(server.printed.contains("listening on"), "the start was not slowed: \(server.printed)")
        try body(server, holder, content)
    }

    func testSIGHUPDuringASlowStartIsAppliedOnceServing() throws {
        try slowedStart { server, holder, content in
            server.signal(SIGHUP)
            XCTAssertTrue(server.waitFor("SIGHUP while starting", timeout: 5), server.printed)
            XCTAssertTrue(server.process.isRunning, server.printed)
            holder.release()
            XCTAssertTrue(server.waitFor("listening on"), server.printed)
            XCTAssertTrue(server.waitFor("reloaded content"), server.printed)
            server.signal(SIGTERM)
            XCTAssertEqual(server.waitForExit(), 0, server.printed)
            XCTAssertTrue(server.printed.contains("stopped"), server.printed)
        }
    }

    /// Under the unit's `Type=notify`, systemd holds `systemctl reload` (SIGHUP) back until
    /// READY=1, which covers the few milliseconds before our first instruction runs (the dynamic
    /// loader), the only time SIGHUP's default action could still end the process.
    func testSystemdHearsReadyOnlyOnceServingAndEachReload() throws {
        let folder = try TemporaryDirectory()
        let notify = try NotifySocket(in: folder)
        try slowedStart(environment: ["NOTIFY_SOCKET": notify.path], in: folder) { server, holder, _ in
            XCTAssertNil(notify.next(timeout: 0.5), "READY=1 before the start finished: \(server.printed)")
            holder.release()
            XCTAssertEqual(notify.next(timeout: 15), "READY=1", server.printed)
            XCTAssertTrue(server.waitFor("listening on", timeout: 10), server.printed)  // the log goes through a pipe, the datagram does not
            server.signal(SIGHUP)
            XCTAssertEqual(notify.next(timeout: 10), "RELOADING=1", server.printed)
            XCTAssertEqual(notify.next(timeout: 10), "READY=1", server.printed)
            XCTAssertTrue(server.waitFor("reloaded content"), server.printed)
            server.signal(SIGTERM)
            XCTAssertEqual(notify.next(timeout: 10), "STOPPING=1", server.printed)
            XCTAssertEqual(server.waitForExit(), 0, server.printed)
        }
    }

    func testSIGTERMDuringASlowStartStopsCleanly() throws {
        try slowedStart { server, holder, _ in
            server.signal(SIGTERM)
            Thread.sleep(forTimeInterval: 0.3)
            holder.release()
            XCTAssertEqual(server.waitForExit(), 0, server.printed)
            XCTAssertTrue(server.printed.contains("stopped"), server.printed)
        }
    }

    /// A lock longer than SQLite's busy timeout (5 s) while starting: the service keeps
    /// answering 503 and comes up once the lock is gone, instead of exiting (systemd gives up
    /// after five failures in a minute; found by an outside review).
    func testALockLongerThanTheBusyTimeoutIsWaitedOutWhileStarting() throws {
        try slowedStart { server, holder, _ in
            Thread.sleep(forTimeInterval: 6.5)
            XCTAssertTrue(server.process.isRunning, "still starting, not exited: \(server.printed)")
            XCTAssertTrue(server.printed.contains("retrying"), server.printed)
            holder.release()
            XCTAssertTrue(server.waitFor("listening on", timeout: 10), server.printed)
            server.signal(SIGTERM)
            XCTAssertEqual(server.waitForExit(), 0, server.printed)
        }
    }
}
