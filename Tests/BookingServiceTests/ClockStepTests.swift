@testable import BookingStore
import CivilTime
import Foundation
import TestSupport
import XCTest

/// Issue 19, "time cannot undo a sale": the service's clock moved forward and back around a sale.
final class ClockStepTests: XCTestCase {
    /// 1-minute holds; two holds fill an 8-seat slot; the clock moves on 70 s and two other
    /// guests hold the same 8 seats; the clock is stepped back (an NTP correction) and all four
    /// pay. Returns the seats PAID and the four bookings' states.
    func stepBackScenario(unguarded: Bool) async throws -> (paidSeats: Int, states: [BookingState]) {
        var options = SQLiteBookingStore.Options()
        options.unsafeSkipTransactionGuard = unguarded
        let harness = try await PaymentHarness(seats: 8, holdDuration: 60, storeOptions: options)
        let first = [try await harness.hold(partySize: 4), try await harness.hold(partySize: 4)]
        harness.clock.advance(by: 70)
        let second = [try await harness.hold(partySize: 4), try await harness.hold(partySize: 4)]
        harness.clock.advance(by: -65)
        var states: [BookingState] = []
        var paidSeats = 0
        for hold in first + second {
            let redirect = try harness.pay(hold)
            _ = await harness.visit(redirect.url)
            let booking = try await harness.booking(hold.orderId)
            states.append(booking.state)
            if booking.state == .paid { paidSeats += booking.partySize }
        }
        await harness.close()
        return (paidSeats, states)
    }

    func testAClockSteppedBackCannotReviveAHoldWhoseSeatsWereSold() async throws {
        let result = try await stepBackScenario(unguarded: false)
        XCTAssertLessThanOrEqual(result.paidSeats, 8, "\(result.states)")
        XCTAssertEqual(result.paidSeats, 8, "\(result.states)")
        // The first two guests were told the seats were gone, before Toss was asked to charge.
        XCTAssertEqual(result.states, [.failed, .failed, .paid, .paid])
    }

    /// The negative control: the store without its guards (the old behaviour) sells 16 of 8.
    func testNegativeControlWithoutTheGuardsTheSameStepsOversell() async throws {
        let result = try await stepBackScenario(unguarded: true)
        XCTAssertEqual(result.paidSeats, 16, "\(result.states)")
    }

    /// The service's own clock never goes back within a run, and follows a step forward.
    func testTheServiceClockFollowsStepsForwardAndStandsStillOnStepsBack() {
        let wall = ManualClock()
        let clock = NonDecreasingClock(wall)
        let start = clock.now
        wall.advance(by: 70)
        XCTAssertEqual(clock.now, start.addingTimeInterval(70))
        wall.advance(by: -65)
        XCTAssertEqual(clock.now, start.addingTimeInterval(70))
        wall.advance(by: 66)
        XCTAssertEqual(clock.now, start.addingTimeInterval(71))
    }

    /// A clock once set a month ahead by mistake and then corrected must not freeze the service
    /// for that month (an outside review saw every slot "started" and cancels refused): a step
    /// back of more than an hour is followed and reported; a shorter one still stands still.
    func testAStepBackOfMoreThanAnHourIsFollowedAndReported() {
        let wall = ManualClock()
        let reported = LockedList<TimeInterval>()
        let clock = NonDecreasingClock(wall, onFollowedBack: { seconds in reported.append(seconds) })
        let start = clock.now
        wall.advance(by: 30 * 86_400)
        XCTAssertEqual(clock.now, start.addingTimeInterval(30 * 86_400))
        wall.advance(by: -30 * 86_400)
        XCTAssertEqual(clock.now, start, "followed back")
        XCTAssertEqual(reported.values, [30 * 86_400])
        wall.advance(by: -3_000)
        XCTAssertEqual(clock.now, start, "50 minutes back: stands still")
        XCTAssertEqual(reported.values.count, 1)
    }
}
