import BookingStore
import Foundation
import XCTest

/// Staff listings and metrics see effective states: a lapsed hold is EXPIRED there too.
final class QueryTests: XCTestCase {
    let t0 = StoreFixture.t0

    func testFilterByRestaurantDateAndEffectiveState() async throws {
        try await eachStore { fixture in
            let day = 86_400.0
            let store = try await fixture.store(slots: [
                StoreFixture.slot("m1", startsAt: t0 + day),
                StoreFixture.slot("m2", startsAt: t0 + 2 * day),
                StoreFixture.slot("j1", startsAt: t0 + day, restaurant: "jungsik"),
            ])
            let early = try heldBooking(try await store.hold(StoreFixture.request("m1", party: 1, guest: "a")))
            let fresh = try heldBooking(try await store.hold(StoreFixture.request("m2", party: 1, guest: "b"), at: t0 + 600))
            let other = try heldBooking(try await store.hold(StoreFixture.request("j1", party: 1, guest: "c")))
            let now = t0 + StoreFixture.hold + 1  // `early` and `other` lapsed, `fresh` is live

            let mingles = try await store.bookings(BookingFilter(restaurant: "mingles", now: now))
            XCTAssertEqual(mingles.map(\.orderId), [early.orderId, fresh.orderId])
            XCTAssertEqual(mingles.map(\.state), [.expired, .ready])

            let live = try await store.bookings(BookingFilter(states: [.ready], now: now))
            XCTAssertEqual(live.map(\.orderId), [fresh.orderId])
            let expired = try await store.bookings(BookingFilter(states: [.expired], now: now))
            XCTAssertEqual(Set(expired.map(\.orderId)), [early.orderId, other.orderId])

            let secondDay = try await store.bookings(
                BookingFilter(startsFrom: t0 + 2 * day, startsBefore: t0 + 3 * day, now: now))
            XCTAssertEqual(secondDay.map(\.orderId), [fresh.orderId])
            let none = try await store.bookings(BookingFilter(states: [], now: now))
            XCTAssertTrue(none.isEmpty)

            let counts = try await store.stateCounts(now: now)
            XCTAssertEqual(counts[.ready], 1)
            XCTAssertEqual(counts[.expired], 2)
            XCTAssertEqual(counts[.paid], 0)
            XCTAssertEqual(counts.count, BookingState.allCases.count)
        }
    }
}
