@testable import BookingStore
import Foundation
import XCTest

/// Invariant 1 under concurrency: many guests racing for a small slot never get more seats than
/// it has. The negative control runs the same storm through the naive check-then-write path and
/// must see an oversell, proving the storm is fierce enough to catch a missing guard.
final class OversellStormTests: XCTestCase {
    static let capacity = 10
    static let guests = 200

    struct StormResult {
        var seatsGranted = 0
        var seatsTaken = 0
        var refusals: [(party: Int, outcome: HoldOutcome)] = []
    }

    func storm(_ fixture: StoreFixture, unsafe: Bool) async throws -> StormResult {
        let slot = StoreFixture.slot(capacity: Self.capacity, maxParty: 2)
        let store = try await fixture.store(slots: [slot], options: .init(unsafeSkipGuard: unsafe))
        defer { store.close() }
        let outcomes = try await withThrowingTaskGroup(of: (Int, HoldOutcome).self) { group in
            for guest in 0..<Self.guests {
                let party = 1 + guest % 2
                group.addTask {
                    (party, try await store.hold(StoreFixture.request(party: party, guest: "\(guest)")))
                }
            }
            var all: [(Int, HoldOutcome)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        var result = StormResult()
        for (party, outcome) in outcomes {
            if case .created(let booking) = outcome {
                XCTAssertEqual(booking.partySize, party)
                result.seatsGranted += party
            } else {
                result.refusals.append((party, outcome))
            }
        }
        result.seatsTaken = try await store.seatsTaken(slot.slotId, now: StoreFixture.t0)
        return result
    }

    func testStormHoldsExactlyCapacityAndRefusesTheRestAsSoldOut() async throws {
        try await eachStore { fixture in
            let result = try await storm(fixture, unsafe: false)
            XCTAssertEqual(result.seatsTaken, Self.capacity, "[\(fixture.kind)]")
            XCTAssertEqual(result.seatsGranted, Self.capacity, "[\(fixture.kind)]")
            for (party, outcome) in result.refusals {
                guard case .soldOut(let left) = outcome else {
                    XCTFail("[\(fixture.kind)] expected soldOut, got \(outcome)")
                    continue
                }
                XCTAssertLessThan(left, party)
            }
        }
    }

    /// SQLite: the check-then-write race. PostgreSQL: the same hold transaction without its
    /// advisory locks, under READ COMMITTED (each transaction counts the seats it sees committed).
    func testNegativeControlWithoutTheGuardOversells() async throws {
        try await eachStore { fixture in
            let result = try await storm(fixture, unsafe: true)
            XCTAssertGreaterThan(
                result.seatsTaken, Self.capacity, "[\(fixture.kind)] the unguarded path should have oversold; the storm is too weak")
            XCTAssertEqual(result.seatsTaken, result.seatsGranted)
        }
    }
}
