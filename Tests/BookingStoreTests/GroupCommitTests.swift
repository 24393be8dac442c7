import BookingStore
import Foundation
import XCTest

/// Waiting writes share one durable commit, and one failing write does not undo its neighbours.
final class GroupCommitTests: XCTestCase {
    func testConcurrentWritesShareCommits() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot(capacity: 1_000, maxParty: 1)])
        let before = store.writeStatistics
        let writers = 100
        try await withThrowingTaskGroup(of: Void.self) { group in
            for guest in 0..<writers {
                group.addTask { _ = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "\(guest)"))) }
            }
            try await group.waitForAll()
        }
        let after = store.writeStatistics
        XCTAssertEqual(after.writes - before.writes, writers)
        XCTAssertLessThan(after.commits - before.commits, writers, "every write paid its own commit")
        let taken = try await store.seatsTaken(StoreFixture.slot().slotId, now: StoreFixture.t0)
        XCTAssertEqual(taken, writers)
    }

    func testAFailingWriteIsRolledBackAloneInsideItsBatch() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot(capacity: 1_000, maxParty: 1)])
        // A sync that writes a good slot, then hits a CHECK constraint (negative capacity).
        let broken = [StoreFixture.slot("new-good"), StoreFixture.slot("new-bad", capacity: -1)]
        let results = await withTaskGroup(of: Bool.self) { group in
            for guest in 0..<40 {
                group.addTask {
                    let outcome = try? await store.hold(StoreFixture.request(party: 1, guest: "\(guest)"))
                    if case .created = outcome { return true }
                    return false
                }
                if guest == 20 {
                    group.addTask {
                        (try? await store.syncInventory(broken, now: StoreFixture.t0)) != nil
                    }
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        XCTAssertEqual(results.filter { $0 }.count, 40, "holds succeed; only the broken sync fails")
        let good = try await store.availability(slotId: "new-good", now: StoreFixture.t0)
        XCTAssertNil(good, "the failed sync left a half-applied slot behind")
        let original = try await store.availability(slotId: StoreFixture.slot().slotId, now: StoreFixture.t0)
        XCTAssertEqual(original?.seatsTaken, 40)
        XCTAssertEqual(original?.retired, false)
    }
}
