@testable import BookingStore
import Foundation
import TestSupport
import XCTest

/// What only the PostgreSQL store has: the database's clock decides expiry, migrations run once
/// when instances start together, and content sync refuses older content.
final class PostgresStoreTests: XCTestCase {
    static func open(_ url: String, clock: PostgresBookingStore.Options.Clock = .database) throws -> PostgresBookingStore {
        try PostgresBookingStore(url: url, options: .init(clock: clock, connections: 4))
    }

    func testTheDatabaseClockDecidesExpiryWhateverTheCallerSays() async throws {
        let url = try PostgresCluster.shared().createDatabase()
        let store = try Self.open(url)
        defer { store.close() }
        let slot = StoreFixture.slot(capacity: 2, startsAt: Date().addingTimeInterval(86_400))
        _ = try await store.syncInventory([slot], now: Date())
        let held = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a"), now: Date(), holdDuration: 60))
        // A caller whose clock is an hour ahead: by its clock the hold lapsed long ago.
        let ahead = Date().addingTimeInterval(3_600)
        let late = try await store.hold(StoreFixture.request(party: 1, guest: "b"), now: ahead, holdDuration: 60)
        XCTAssertEqual(late, .soldOut(seatsLeft: 0), "a skewed caller sold the seats of a live hold")
        let seen = try await store.booking(orderId: held.orderId, now: ahead)
        XCTAssertEqual(seen?.state, .ready, "the hold reads live by the database's clock")
        XCTAssertLessThan(abs(held.createdAt.timeIntervalSinceNow), 5, "stamped by the database's clock")

        // Negative control: trusting the caller's clock, the same call sells the seats.
        let trusting = try Self.open(url, clock: .caller)
        defer { trusting.close() }
        let sold = try await trusting.hold(StoreFixture.request(party: 1, guest: "c"), now: ahead, holdDuration: 60)
        guard case .created = sold else { return XCTFail("the caller-clock store should have sold the lapsed seats, got \(sold)") }
    }

    func testInstancesStartingTogetherRunEachMigrationOnce() async throws {
        let url = try PostgresCluster.shared().createDatabase()
        let applied = LockedList<Int>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            if let store = try? Self.open(url) {
                applied.append(store.migrationsApplied)
                store.close()
            }
        }
        XCTAssertEqual(applied.values.count, 4, "every instance opened")
        XCTAssertEqual(applied.values.reduce(0, +), PostgresBookingStore.schemaVersion, "each step ran exactly once")
    }

    func testOlderContentCannotRevertPricesOrRetireNewerSlots() async throws {
        let url = try PostgresCluster.shared().createDatabase()
        let store = try Self.open(url, clock: .caller)
        defer { store.close() }
        let t0 = StoreFixture.t0
        let old = StoreFixture.slot("a", deposit: 20_000)
        var repriced = old
        repriced.depositPerPerson = 30_000
        let added = StoreFixture.slot("b")
        _ = try await store.syncInventory([old], contentVersion: 100, now: t0)
        _ = try await store.syncInventory([repriced, added], contentVersion: 200, now: t0)
        // An instance still on version 100 reloads.
        let stale = try await store.syncInventory([old], contentVersion: 100, now: t0)
        XCTAssertEqual(stale.olderThanStored?.mine, 100)
        XCTAssertEqual(stale.olderThanStored?.stored, 200)
        let price = try await store.availability(slotId: "a", now: t0)?.depositPerPerson
        XCTAssertEqual(price, 30_000, "the newer price stands")
        let newer = try await store.availability(slotId: "b", now: t0)
        XCTAssertEqual(newer?.retired, false, "the newer content's slot is still sold")
        // The same or a newer version applies as usual.
        let rollback = try await store.syncInventory([old], contentVersion: 300, now: t0)
        XCTAssertNil(rollback.olderThanStored)
        let restored = try await store.availability(slotId: "a", now: t0)?.depositPerPerson
        XCTAssertEqual(restored, 20_000)
    }

    /// Two instances' reconcilers never hold the same booking, a lease runs out, the backoff
    /// lives in the row (so another instance honours it), and a fresh CONFIRMING is left alone.
    func testReconcilerWorkIsLeasedOnceWithTheBackoffInTheRow() async throws {
        let url = try PostgresCluster.shared().createDatabase()
        let (first, second) = (try Self.open(url, clock: .caller), try Self.open(url, clock: .caller))
        defer { first.close(); second.close() }
        let t0 = StoreFixture.t0
        _ = try await first.syncInventory([StoreFixture.slot(capacity: 8)], now: t0)
        var orders: [String] = []
        for guest in 0..<4 {
            let held = try heldBooking(try await first.hold(StoreFixture.request(party: 1, guest: "g\(guest)"), now: t0, holdDuration: 900))
            _ = try await first.beginConfirm(orderId: held.orderId, paymentKey: "pk\(guest)", amount: held.amount, now: t0)
            orders.append(held.orderId)
        }
        let later = t0 + 60
        func claim(_ store: PostgresBookingStore, at now: Date, limit: Int = 2) async throws -> Set<String> {
            Set(try await store.claimUnsettled(
                now: now, confirmingUpdatedBefore: now - 30, lease: 120, limit: limit, ignoringBackoff: false).map(\.orderId))
        }
        let fresh = try await claim(first, at: t0 + 10)
        XCTAssertTrue(fresh.isEmpty, "a CONFIRMING booking 10 s old may be a confirm in flight")
        let a = try await claim(first, at: later)
        let b = try await claim(second, at: later)
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(b.count, 2)
        XCTAssertTrue(a.isDisjoint(with: b), "two instances claimed the same booking")
        let none = try await claim(second, at: later + 1)
        XCTAssertTrue(none.isEmpty, "leased bookings are nobody else's")

        // One is still unknown: backoff 2 s in the row, whoever asks.
        let unknown = a.first!
        try await first.finishReconciling(orderId: unknown, settled: false, now: later + 1)
        let tooSoon = try await claim(second, at: later + 2)
        XCTAssertFalse(tooSoon.contains(unknown), "the backoff kept in the row holds for the other instance too")
        let afterBackoff = try await claim(second, at: later + 3.5)
        XCTAssertTrue(afterBackoff.contains(unknown))
        // Nobody finished the others (their instances died): the leases run out after 120 s;
        // the one re-claimed at +3.5 s is still leased.
        let afterLease = try await claim(first, at: later + 121, limit: 10)
        XCTAssertEqual(afterLease, Set(orders).subtracting([unknown]))
    }
}
