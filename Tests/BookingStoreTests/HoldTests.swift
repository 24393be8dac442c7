import BookingStore
import Foundation
import XCTest

final class HoldTests: XCTestCase {
    let t0 = StoreFixture.t0

    func testHoldChargesPartyTimesStoredDeposit() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot()])
            let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 3, guest: "a")))
            XCTAssertEqual(booking.amount, 3 * StoreFixture.deposit)
            XCTAssertEqual(booking.state, .ready)
            XCTAssertEqual(booking.expiresAt, t0.addingTimeInterval(StoreFixture.hold))
            XCTAssertEqual(booking.orderName, "밍글스 mingles-t1-0700")
            XCTAssertTrue(OrderID.isValid(booking.orderId))
            let stored = try await store.booking(orderId: booking.orderId, now: t0)
            XCTAssertEqual(stored, booking)
        }
    }

    func testRefusals() async throws {
        try await eachStore { fixture in
            let past = StoreFixture.slot("past", startsAt: t0.addingTimeInterval(-60))
            let store = try await fixture.store(slots: [StoreFixture.slot(maxParty: 4), past])
            var outcome = try await store.hold(StoreFixture.request("nope", party: 1, guest: "a"))
            XCTAssertEqual(outcome, .unknownSlot)
            outcome = try await store.hold(StoreFixture.request("past", party: 1, guest: "a"))
            XCTAssertEqual(outcome, .slotClosed)
            outcome = try await store.hold(StoreFixture.request(party: 5, guest: "a"))
            XCTAssertEqual(outcome, .partyTooLarge(max: 4))
            outcome = try await store.hold(StoreFixture.request(party: 0, guest: "a"))
            XCTAssertEqual(outcome, .invalidPartySize)
            let taken = try await store.seatsTaken(StoreFixture.slot().slotId, now: t0)
            XCTAssertEqual(taken, 0)
        }
    }

    func testLapsedHoldFreesSeatsWithoutAnySweep() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 4)])
            let first = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "a")))

            let stillHeld = try await store.hold(StoreFixture.request(party: 1, guest: "b"), at: t0 + StoreFixture.hold - 1)
            XCTAssertEqual(stillHeld, .soldOut(seatsLeft: 0))

            let lapse = t0 + StoreFixture.hold
            let afterLapse = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "b"), at: lapse))
            XCTAssertEqual(afterLapse.partySize, 4)
            let lapsed = try await store.booking(orderId: first.orderId, now: lapse)
            XCTAssertEqual(lapsed?.state, .expired)
            let counts = try await store.stateCounts(now: lapse)
            XCTAssertEqual(counts[.expired], 1)
            XCTAssertEqual(counts[.ready], 1)
        }
    }

    func testSameGuestAndSlotReusesAndResizesWithinAvailability() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 4)])
            let first = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
            let later = t0 + 300
            let outcome = try await store.hold(StoreFixture.request(party: 3, guest: "a"), at: later)
            guard case .reused(let resized) = outcome else { return XCTFail("expected reuse, got \(outcome)") }
            XCTAssertEqual(resized.orderId, first.orderId)
            XCTAssertEqual(resized.partySize, 3)
            XCTAssertEqual(resized.amount, 3 * StoreFixture.deposit)
            // Reuse never extends a hold: coming back keeps the first expiry.
            XCTAssertEqual(resized.expiresAt, first.expiresAt)
            XCTAssertEqual(resized.expiresAt, t0 + StoreFixture.hold)
            let taken = try await store.seatsTaken(first.slotId, now: later)
            XCTAssertEqual(taken, 3)
        }
    }

    func testResizeBeyondAvailabilityKeepsTheOldHold() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 4)])
            let mine = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
            _ = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "b")))
            let outcome = try await store.hold(StoreFixture.request(party: 3, guest: "a"), at: t0 + 60)
            XCTAssertEqual(outcome, .soldOut(seatsLeft: 2))  // the guest's own 2 seats are theirs to use
            let unchanged = try await store.booking(orderId: mine.orderId, now: t0 + 60)
            XCTAssertEqual(unchanged, mine)
        }
    }

    func testAntiHoardingLimitsLiveHoldsPerGuest() async throws {
        try await eachStore { fixture in
            let slots = (1...4).map { StoreFixture.slot("s\($0)") }
            let store = try await fixture.store(slots: slots)
            for index in 1...3 {
                _ = try heldBooking(try await store.hold(StoreFixture.request("s\(index)", party: 1, guest: "a")))
            }
            var outcome = try await store.hold(StoreFixture.request("s4", party: 1, guest: "a"))
            // Retry-After: until the first of the guest's holds lapses (all were made at t0).
            XCTAssertEqual(outcome, .holdLimit(.perGuest(holds: 3), retryAfter: Int(StoreFixture.hold)))
            // Coming back to a slot already held is a reuse, not a fourth hold.
            outcome = try await store.hold(StoreFixture.request("s1", party: 2, guest: "a"))
            guard case .reused = outcome else { return XCTFail("expected reuse, got \(outcome)") }
            // Another guest is unaffected; lapsed holds stop counting.
            _ = try heldBooking(try await store.hold(StoreFixture.request("s4", party: 1, guest: "b")))
            _ = try heldBooking(
                try await store.hold(StoreFixture.request("s4", party: 1, guest: "a"), at: t0 + StoreFixture.hold))
        }
    }

    func testAntiHoardingLimitIsConfigurable() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(
                slots: [StoreFixture.slot("s1"), StoreFixture.slot("s2")], options: .init(maxLiveHoldsPerGuest: 1))
            _ = try heldBooking(try await store.hold(StoreFixture.request("s1", party: 1, guest: "a")))
            let outcome = try await store.hold(StoreFixture.request("s2", party: 1, guest: "a"))
            XCTAssertEqual(outcome, .holdLimit(.perGuest(holds: 1), retryAfter: Int(StoreFixture.hold)))
        }
    }
}

/// Issue 19: what sells a lapsed hold's seats makes it EXPIRED; a confirm re-checks seats for a
/// hold whose expiry a later write in its slot has passed, whatever the caller's clock says.
final class LapsedHoldSaleTests: XCTestCase {
    func testSellingALapsedHoldsSeatsStoresItExpired() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 4)])
            let first = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "a")))
            let later = StoreFixture.t0.addingTimeInterval(StoreFixture.hold + 10)
            _ = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "b"), at: later))
            // Stepped back to before the first hold's expiry: it stays EXPIRED, its seats are not its own.
            let back = StoreFixture.t0.addingTimeInterval(60)
            let state = try await store.booking(orderId: first.orderId, now: back)?.state
            XCTAssertEqual(state, .expired)
            let taken = try await store.seatsTaken(first.slotId, now: back)
            XCTAssertEqual(taken, 4)
            let start = try await store.beginConfirm(orderId: first.orderId, paymentKey: "pk_a", amount: first.amount, now: back)
            guard case .seatsGone = start else { return XCTFail("\(start)") }
            store.close()
        }
    }

    func testAConfirmRechecksSeatsWhenALaterWriteInTheSlotIsPastTheHoldsExpiry() async throws {
        let fixture = try StoreFixture()
        let store = try await fixture.sqliteStore(slots: [StoreFixture.slot(capacity: 4)])
        let first = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "a")))
        let later = StoreFixture.t0.addingTimeInterval(StoreFixture.hold + 10)
        _ = try heldBooking(try await store.hold(StoreFixture.request(party: 4, guest: "b"), at: later))
        store.close()
        // As a database written before the EXPIRED marking stores it: the lapsed hold still READY.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", fixture.path, "UPDATE bookings SET state = 'READY' WHERE order_id = '\(first.orderId)'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)
        let reopened = try fixture.openSQLite()
        let back = StoreFixture.t0.addingTimeInterval(60)
        let state = try await reopened.booking(orderId: first.orderId, now: back)?.state
        XCTAssertEqual(state, .ready)
        let start = try await reopened.beginConfirm(orderId: first.orderId, paymentKey: "pk_a", amount: first.amount, now: back)
        guard case .seatsGone = start else { return XCTFail("\(start)") }
        reopened.close()
    }
}
