import BookingStore
import Foundation
import XCTest

final class InventorySyncTests: XCTestCase {
    let t0 = StoreFixture.t0

    func testFirstSyncAddsAndAnUnchangedSyncChangesNothing() async throws {
        try await eachStore { fixture in
            let store = try fixture.open()
            let slots = [StoreFixture.slot("a"), StoreFixture.slot("b")]
            let first = try await store.syncInventory(slots, now: t0)
            XCTAssertEqual(first.added, ["a", "b"])
            let second = try await store.syncInventory(slots, now: t0)
            XCTAssertEqual(second, InventoryReport())
            let listed = try await store.availability(restaurant: "mingles", now: t0)
            XCTAssertEqual(listed.map(\.slotId), ["a", "b"])
        }
    }

    func testPriceComesFromTheLatestInventory() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(deposit: 20_000)])
            let report = try await store.syncInventory([StoreFixture.slot(deposit: 30_000)], now: t0)
            XCTAssertEqual(report.changed, [StoreFixture.slot().slotId])
            let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
            XCTAssertEqual(booking.amount, 60_000)
        }
    }

    func testRemovedSlotWithBookingsIsKeptReportedAndClosed() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot("kept"), StoreFixture.slot("empty")])
            let booking = try heldBooking(try await store.hold(StoreFixture.request("kept", party: 2, guest: "a")))

            let report = try await store.syncInventory([], now: t0)
            XCTAssertEqual(report.keptWithBookings, [.init(slotId: "kept", capacity: 4, seatsTaken: 2)])
            XCTAssertEqual(report.removed, ["empty"])
            XCTAssertTrue(report.needsStaffAttention)

            let stillThere = try await store.booking(orderId: booking.orderId, now: t0)
            XCTAssertEqual(stillThere, booking)
            let kept = try await store.availability(slotId: "kept", now: t0)
            XCTAssertEqual(kept?.retired, true)
            let gone = try await store.availability(slotId: "empty", now: t0)
            XCTAssertNil(gone)
            let listed = try await store.availability(restaurant: "mingles", now: t0)
            XCTAssertTrue(listed.isEmpty, "retired slots are not offered")
            let refused = try await store.hold(StoreFixture.request("kept", party: 1, guest: "b"))
            XCTAssertEqual(refused, .slotClosed)
            // Paying for the booking already held still works.
            let confirm = try await store.beginConfirm(
                orderId: booking.orderId, paymentKey: "pk", amount: booking.amount, now: t0 + 60)
            guard case .started = confirm else { return XCTFail("got \(confirm)") }

            let back = try await store.syncInventory([StoreFixture.slot("kept")], now: t0)
            XCTAssertEqual(back.changed, ["kept"])
            let reopened = try await store.availability(slotId: "kept", now: t0)
            XCTAssertEqual(reopened?.retired, false)
        }
    }

    func testCapacityLoweredBelowTakenIsReportedAndSellsNothing() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 6)])
            _ = try heldBooking(try await store.hold(StoreFixture.request(party: 3, guest: "a")))
            _ = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "b")))

            let report = try await store.syncInventory([StoreFixture.slot(capacity: 4)], now: t0)
            XCTAssertEqual(report.overbooked, [.init(slotId: StoreFixture.slot().slotId, capacity: 4, seatsTaken: 5)])
            let slot = try await store.availability(slotId: StoreFixture.slot().slotId, now: t0)
            XCTAssertEqual(slot?.seatsLeft, 0)
            XCTAssertEqual(slot?.seatsTaken, 5)
            let refused = try await store.hold(StoreFixture.request(party: 1, guest: "c"))
            XCTAssertEqual(refused, .soldOut(seatsLeft: 0))
        }
    }

    func testAvailabilityListsOnlyUpcomingSlotsOfTheRestaurant() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [
                StoreFixture.slot("later", startsAt: t0 + 7_200),
                StoreFixture.slot("soon", startsAt: t0 + 3_600),
                StoreFixture.slot("past", startsAt: t0 - 60),
                StoreFixture.slot("elsewhere", restaurant: "jungsik"),
            ])
            let listed = try await store.availability(restaurant: "mingles", now: t0)
            XCTAssertEqual(listed.map(\.slotId), ["soon", "later"])
        }
    }
}
