import BookingStore
import Foundation
import XCTest

/// Invariant 9 in the store: a sync that drops a slot with upcoming bookings while the same
/// restaurant offers new seats at the same start is refused and changes nothing; with
/// `renamedFrom` the bookings move to the new slot id and nothing is sold twice.
final class InventoryRenameTests: XCTestCase {
    let t0 = StoreFixture.t0
    let start = StoreFixture.t0.addingTimeInterval(3 * 86_400)

    func slot(_ table: String, capacity: Int = 12, renamedFrom: String? = nil, at: Date? = nil) -> SlotInventory {
        var slot = StoreFixture.slot("gogi.\(table).1900", capacity: capacity, maxParty: 2, startsAt: at ?? start, restaurant: "gogi")
        slot.tableId = table
        slot.renamedFrom = renamedFrom
        return slot
    }

    func bookedStore(_ fixture: StoreFixture) async throws -> (any SuiteStore, [Booking]) {
        let store = try await fixture.store(slots: [slot("drum2"), slot("drum4")])
        var held: [Booking] = []
        for guest in 0..<4 {
            held.append(try heldBooking(try await store.hold(StoreFixture.request("gogi.drum2.1900", party: 2, guest: "g\(guest)"))))
        }
        _ = try await store.beginConfirm(orderId: held[0].orderId, paymentKey: "pk", amount: held[0].amount, now: t0)
        _ = try await store.markPaid(orderId: held[0].orderId, paymentKey: "pk", approvedAt: t0, method: nil, receiptURL: nil, now: t0)
        return (store, held)
    }

    func testARenameWithoutRenamedFromIsRefusedAndChangesNothing() async throws {
        try await eachStore { fixture in
            let (store, held) = try await bookedStore(fixture)
            let edit = [slot("drum-2"), slot("drum4")]
            let conflicts = try await store.inventoryConflicts(edit, now: t0)
            XCTAssertEqual(conflicts.map(\.slotId), ["gogi.drum2.1900"])
            XCTAssertEqual(conflicts.first?.tableId, "drum2")
            XCTAssertEqual(Set(conflicts.first?.bookings ?? []), Set(held.map(\.orderId)), "READY and PAID bookings are named")
            XCTAssertEqual(conflicts.first?.seatsTaken, 8)
            XCTAssertEqual(conflicts.first?.offeredAgainAs, ["gogi.drum-2.1900"])
            do {
                _ = try await store.syncInventory(edit, now: t0)
                XCTFail("the sync should have been refused")
            } catch let conflict as InventoryConflict {
                XCTAssertEqual(conflict.dropped, conflicts)
            }
            let unchanged = try await store.availability(restaurant: "gogi", now: t0)
            XCTAssertEqual(unchanged.map(\.slotId), ["gogi.drum2.1900", "gogi.drum4.1900"], "nothing of the refused sync was applied")
            XCTAssertEqual(unchanged.first?.seatsTaken, 8)
        }
    }

    func testNegativeControlsOnlyAnOfferOfSeatsAtTheSameStartIsAConflict() async throws {
        try await eachStore { fixture in
            let (store, _) = try await bookedStore(fixture)
            // Dropped with nothing offered at that start: kept retired and reported, as before.
            var conflicts = try await store.inventoryConflicts([slot("drum4")], now: t0)
            XCTAssertEqual(conflicts, [])
            // A new table more than a sitting (2 h) away does not conflict either.
            conflicts = try await store.inventoryConflicts([slot("drum4"), slot("drum-2", at: start + 2 * 3600)], now: t0)
            XCTAssertEqual(conflicts, [])
            // More seats at an existing slot at the same start is an offer.
            conflicts = try await store.inventoryConflicts([slot("drum4", capacity: 20)], now: t0)
            XCTAssertEqual(conflicts.map(\.slotId), ["gogi.drum2.1900"])
            let report = try await store.syncInventory([slot("drum4")], now: t0)
            XCTAssertEqual(report.keptWithBookings.map(\.slotId), ["gogi.drum2.1900"])
        }
    }

    /// A slot moved by half an hour (the weekly rule's 19:00 edited to 19:30) on the same table,
    /// or a renamed table an hour later, would seat a new party at a table the kept bookings
    /// still sit at (found by an outside review: only the very same start was caught).
    func testAnOfferWithinASittingOfAKeptSlotWithBookingsIsAConflict() async throws {
        try await eachStore { fixture in
            let (store, _) = try await bookedStore(fixture)
            var moved = slot("drum2", at: start + 30 * 60)
            moved.slotId = "gogi.drum2.1930"
            var conflicts = try await store.inventoryConflicts([moved, slot("drum4")], now: t0)
            XCTAssertEqual(conflicts.map(\.slotId), ["gogi.drum2.1900"])
            XCTAssertEqual(conflicts.first?.offeredAgainAs, ["gogi.drum2.1930"])
            conflicts = try await store.inventoryConflicts([slot("drum4"), slot("drum-2", at: start + 3600)], now: t0)
            XCTAssertEqual(conflicts.map(\.slotId), ["gogi.drum2.1900"])
            do {
                _ = try await store.syncInventory([moved, slot("drum4")], now: t0)
                XCTFail("the sync should have been refused")
            } catch is InventoryConflict {}
        }
    }

    func testRenamedFromCarriesTheBookingsOverAndNothingIsSoldTwice() async throws {
        try await eachStore { fixture in
            let (store, held) = try await bookedStore(fixture)
            let report = try await store.syncInventory([slot("drum-2", renamedFrom: "gogi.drum2.1900"), slot("drum4")], now: t0)
            XCTAssertEqual(report.carriedOver, [.init(from: "gogi.drum2.1900", to: "gogi.drum-2.1900", bookings: 4)])
            XCTAssertEqual(report.added, ["gogi.drum-2.1900"])
            for booking in held {
                let moved = try await store.booking(orderId: booking.orderId, now: t0)
                XCTAssertEqual(moved?.slotId, "gogi.drum-2.1900")
                XCTAssertEqual(moved?.tableId, "drum-2")
                XCTAssertEqual(moved?.state, booking.orderId == held[0].orderId ? .paid : .ready)
            }
            let renamed = try await store.availability(slotId: "gogi.drum-2.1900", now: t0)
            XCTAssertEqual(renamed?.seatsTaken, 8)
            let old = try await store.availability(slotId: "gogi.drum2.1900", now: t0)
            XCTAssertNil(old, "the old slot is gone, its bookings with it")
            // Fill the slot: exactly its 12 seats are sold, no more.
            var sold = 8
            for guest in 0..<10 {
                if case .created(let booking) = try await store.hold(StoreFixture.request("gogi.drum-2.1900", party: 2, guest: "new\(guest)")) {
                    sold += booking.partySize
                }
            }
            XCTAssertEqual(sold, 12)
            let full = try await store.availability(slotId: "gogi.drum-2.1900", now: t0)
            XCTAssertEqual(full?.seatsTaken, 12)
            // Syncing the same content again changes nothing (renamedFrom stays harmless).
            let again = try await store.syncInventory([slot("drum-2", renamedFrom: "gogi.drum2.1900"), slot("drum4")], now: t0)
            XCTAssertEqual(again, InventoryReport())
        }
    }

    /// A renamed restaurant file is a new slug: the old restaurant's booked slots would be kept
    /// retired while the new one sells the same seats at the same time.
    func testARenamedRestaurantIsAConflictToo() async throws {
        try await eachStore { fixture in
            let (store, held) = try await bookedStore(fixture)
            func renamed(_ table: String) -> SlotInventory {
                var moved = StoreFixture.slot("gogi-euljiro.\(table).1900", capacity: 12, maxParty: 2, startsAt: start, restaurant: "gogi-euljiro")
                moved.tableId = table
                return moved
            }
            let conflicts = try await store.inventoryConflicts([renamed("drum2"), renamed("drum4")], now: t0)
            XCTAssertEqual(conflicts.map(\.slotId), ["gogi.drum2.1900"])
            XCTAssertEqual(Set(conflicts.first?.bookings ?? []), Set(held.map(\.orderId)))
            // Negative control: a restaurant that goes away while nobody new sells that start.
            let unrelated = StoreFixture.slot("other.t1.1900", capacity: 4, startsAt: start.addingTimeInterval(3600), restaurant: "other")
            let none = try await store.inventoryConflicts([slot("drum2"), slot("drum4"), unrelated], now: t0)
            XCTAssertEqual(none.count, 0)
            store.close()
        }
    }
}
