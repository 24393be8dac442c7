@testable import BookingStore
import Foundation
import XCTest

/// Invariant 10 in the store: the hold limits are decided in the hold transaction, so no storm
/// of concurrent holds with fresh keys and phones from one address gets past them; the negative
/// control runs the same storm with the limits off and must take every seat.
final class HoldLimitTests: XCTestCase {
    let t0 = StoreFixture.t0
    static let limits = HoldLimits(holdsPerPhone: 3, seatsPerAddress: 40, seatsPerNetwork: 200, slotSharePercent: 50)

    func testClientAddressesAndTheirNetworks() {
        XCTAssertEqual(ClientAddress("203.0.113.7"), ClientAddress(address: "203.0.113.7", network: "203.0.113.0/24"))
        XCTAssertEqual(ClientAddress("::ffff:203.0.113.7"), ClientAddress("203.0.113.7"), "IPv4-mapped IPv6 is IPv4")
        XCTAssertEqual(ClientAddress("2001:DB8:0:1:aaaa::1"),
                       ClientAddress(address: "2001:db8:0:1:aaaa::1", network: "2001:db8:0:1::/64"))
        XCTAssertEqual(ClientAddress("[fe80::1%eth0]")?.address, "fe80::1")
        XCTAssertEqual(ClientAddress(" 10.0.0.1 ")?.address, "10.0.0.1")
        for bad in ["", "unknown", "10.0.0", "10.0.0.256", "1.2.3.4:80", "1.2.3.4, 5.6.7.8", "::g", "localhost"] {
            XCTAssertNil(ClientAddress(bad), bad)
        }
    }

    func testPhoneNumberLimit() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: (1...4).map { StoreFixture.slot("s\($0)") },
                                                options: .init(holdLimits: HoldLimits(holdsPerPhone: 3)))
            for index in 1...3 {
                _ = try heldBooking(try await store.hold(StoreFixture.request("s\(index)", party: 1, guest: "k\(index)", phone: "01099990000"),
                                                          at: t0 + Double(index)))
            }
            // Fresh customerKeys do not help: the phone number has 3 live holds; Retry-After runs to the first lapse.
            let refused = try await store.hold(StoreFixture.request("s4", party: 1, guest: "k4", phone: "01099990000"), at: t0 + 10)
            XCTAssertEqual(refused, .holdLimit(.perPhone(holds: 3), retryAfter: Int(StoreFixture.hold) + 1 - 10))
            // Another phone is not affected; coming back to a held slot is a reuse, not a 4th hold.
            _ = try heldBooking(try await store.hold(StoreFixture.request("s4", party: 1, guest: "k5", phone: "01011112222"), at: t0 + 10))
            _ = try heldBooking(try await store.hold(StoreFixture.request("s1", party: 2, guest: "k1", phone: "01099990000"), at: t0 + 10))
            // Once the first hold lapses, the phone may hold again.
            _ = try heldBooking(try await store.hold(StoreFixture.request("s4", party: 1, guest: "k6", phone: "01099990000"),
                                                      at: t0 + StoreFixture.hold + 1))
        }
    }

    func testAddressAndNetworkSeatLimits() async throws {
        let fixture = try StoreFixture()
        let slots = (1...6).map { StoreFixture.slot("s\($0)", capacity: 20, maxParty: 4) }
        let store = try await fixture.sqliteStore(slots: slots, options: .init(holdLimits: HoldLimits(seatsPerAddress: 8, seatsPerNetwork: 12)))
        var n = 0
        func hold(_ slot: String, _ party: Int, _ address: String) async throws -> HoldOutcome {
            n += 1
            return try await store.hold(StoreFixture.request(slot, party: party, guest: "g\(n)", phone: "0101000\(1000 + n)", from: address))
        }
        _ = try heldBooking(try await hold("s1", 4, "198.51.100.1"))
        _ = try heldBooking(try await hold("s2", 4, "198.51.100.1"))
        let overAddress = try await hold("s3", 1, "198.51.100.1")
        XCTAssertEqual(overAddress, .holdLimit(.perAddress(seats: 8), retryAfter: Int(StoreFixture.hold)))
        // A neighbour in the same /24 still has room in the network's 12 seats, then not.
        _ = try heldBooking(try await hold("s3", 4, "198.51.100.2"))
        let overNetwork = try await hold("s4", 1, "198.51.100.3")
        XCTAssertEqual(overNetwork, .holdLimit(.perNetwork(seats: 12), retryAfter: Int(StoreFixture.hold)))
        // Another network, and a request with no known address, are not counted here.
        _ = try heldBooking(try await hold("s4", 4, "198.51.101.1"))
        _ = try heldBooking(try await store.hold(StoreFixture.request("s5", party: 4, guest: "nobody", phone: "01055556666")))
        // The address is stored on the booking row.
        let stored = try store.readers.read { db in
            try db.rows("SELECT client_address, client_network FROM bookings ORDER BY created_at, order_id") { ($0.text(0), $0.text(1)) }
        }
        XCTAssertTrue(stored.contains { $0 == ("198.51.100.2", "198.51.100.0/24") })
        XCTAssertTrue(stored.contains { $0 == ("", "") })
    }

    func testOneNetworkHoldsAtMostItsShareOfASlotButAlwaysOneTable() async throws {
        try await eachStore { fixture in
            let big = StoreFixture.slot("big", capacity: 12, maxParty: 4)
            let room = StoreFixture.slot("room", capacity: 6, maxParty: 6)
            let store = try await fixture.store(slots: [big, room], options: .init(holdLimits: HoldLimits(slotSharePercent: 50)))
            XCTAssertEqual(HoldLimits(slotSharePercent: 50).slotAllowance(capacity: 12, maxPartySize: 4), 6)
            _ = try heldBooking(try await store.hold(StoreFixture.request("big", party: 2, guest: "a", from: "192.0.2.1")))
            _ = try heldBooking(try await store.hold(StoreFixture.request("big", party: 4, guest: "c", from: "192.0.2.9")))
            let over = try await store.hold(StoreFixture.request("big", party: 1, guest: "b", from: "192.0.2.200"))
            XCTAssertEqual(over, .holdLimit(.slotShare(seats: 6), retryAfter: Int(StoreFixture.hold)))
            // Resizing one's own hold counts its new size once: the network's 4 other seats + 3 > 6.
            let resize = try await store.hold(StoreFixture.request("big", party: 3, guest: "a", from: "192.0.2.1"))
            XCTAssertEqual(resize, .holdLimit(.slotShare(seats: 6), retryAfter: Int(StoreFixture.hold)))
            _ = try heldBooking(try await store.hold(StoreFixture.request("big", party: 2, guest: "a", from: "192.0.2.1")))
            // Another network books the rest of the slot.
            _ = try heldBooking(try await store.hold(StoreFixture.request("big", party: 4, guest: "d", from: "203.0.113.5")))
            // A party as big as the table is never refused by the share, even when it is the whole slot.
            _ = try heldBooking(try await store.hold(StoreFixture.request("room", party: 6, guest: "e", from: "192.0.2.1")))
        }
    }

    func testPaidAndConfirmingSeatsDoNotCountAgainstTheLimits() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot("s1", capacity: 20), StoreFixture.slot("s2", capacity: 20)],
                                                options: .init(holdLimits: HoldLimits(seatsPerAddress: 4)))
            let first = try heldBooking(try await store.hold(StoreFixture.request("s1", party: 4, guest: "a", from: "192.0.2.1")))
            let refused = try await store.hold(StoreFixture.request("s2", party: 1, guest: "b", from: "192.0.2.1"))
            guard case .holdLimit(.perAddress, _) = refused else { return XCTFail("got \(refused)") }
            _ = try await store.beginConfirm(orderId: first.orderId, paymentKey: "pk", amount: first.amount, now: t0)
            _ = try heldBooking(try await store.hold(StoreFixture.request("s2", party: 4, guest: "b", from: "192.0.2.1")))
        }
    }

    // MARK: - The storm

    struct Storm {
        var created = 0
        var seatsHeld = 0
        var perSlot: [String: Int] = [:]
        var refusals: [HoldOutcome] = []
    }

    /// 1,000 concurrent holds with fresh customerKeys and fresh phone numbers from one address,
    /// spread over `slots`, parties of 2.
    func storm(_ store: any SuiteStore, slots: [SlotInventory], from address: String) async throws -> Storm {
        let now = t0
        let outcomes = try await withThrowingTaskGroup(of: HoldOutcome.self) { group in
            for index in 0..<1000 {
                let slot = slots[index % slots.count].slotId
                group.addTask {
                    try await store.hold(HoldRequest(
                        slotId: slot, partySize: 2, customerKey: "hoard-\(index)", guestName: "봇",
                        phone: "010\(String(20_000_000 + index))", client: ClientAddress(address)!), now: now,
                        holdDuration: StoreFixture.hold)
                }
            }
            var all: [HoldOutcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        var storm = Storm()
        for outcome in outcomes {
            if case .created(let booking) = outcome {
                storm.created += 1
                storm.seatsHeld += booking.partySize
                storm.perSlot[booking.slotId, default: 0] += booking.partySize
            } else {
                storm.refusals.append(outcome)
            }
        }
        return storm
    }

    static func stormSlots() -> [SlotInventory] {
        (0..<60).map { StoreFixture.slot("slot\($0)", capacity: $0 % 3 == 0 ? 12 : 8, maxParty: 4) }
    }

    func testAStormFromOneAddressTakesAtMostItsShareAndOthersStillBookEverySlot() async throws {
        try await eachStore { fixture in
            let slots = Self.stormSlots()
            let store = try await fixture.store(slots: slots, options: .init(holdLimits: Self.limits))
            defer { store.close() }
            let result = try await storm(store, slots: slots, from: "198.51.100.66")

            XCTAssertLessThanOrEqual(result.seatsHeld, Self.limits.seatsPerAddress!, "one address holds at most its site-wide seats")
            XCTAssertEqual(result.seatsHeld, 40, "and, with fresh keys and phones, exactly that")
            for slot in slots {
                let allowance = Self.limits.slotAllowance(capacity: slot.capacity, maxPartySize: slot.maxPartySize)!
                XCTAssertLessThanOrEqual(result.perSlot[slot.slotId] ?? 0, allowance, slot.slotId)
                XCTAssertLessThan(allowance, slot.capacity)
            }
            for refusal in result.refusals {
                guard case .holdLimit(let limit, let retryAfter) = refusal else { XCTFail("unexpected \(refusal)"); continue }
                XCTAssertTrue(limit == .perAddress(seats: 40) || { if case .slotShare = limit { true } else { false } }(), "\(limit)")
                XCTAssertEqual(retryAfter, Int(StoreFixture.hold))
            }
            // A guest from another network (one per slot) books every slot that has seats.
            for slot in slots {
                let left = try await store.availability(slotId: slot.slotId, now: t0)!.seatsLeft
                XCTAssertGreaterThan(left, 0)
                let outcome = try await store.hold(HoldRequest(
                    slotId: slot.slotId, partySize: min(left, slot.maxPartySize), customerKey: "real-\(slot.slotId)",
                    guestName: "김예약", phone: "010\(String(30_000_000 + (Int(slot.slotId.dropFirst(4)) ?? 0)))",
                    client: ClientAddress("10.\(slots.firstIndex(of: slot)!).0.1")!), now: t0, holdDuration: StoreFixture.hold)
                _ = try heldBooking(outcome)
            }
        }
    }

    func testNegativeControlTheSameStormWithTheLimitsOffTakesEverySeat() async throws {
        try await eachStore { fixture in
            let slots = Self.stormSlots()
            let store = try await fixture.store(slots: slots, options: .init(holdLimits: .off))
            defer { store.close() }
            let result = try await storm(store, slots: slots, from: "198.51.100.66")
            let seats = slots.reduce(0) { $0 + $1.capacity }
            XCTAssertEqual(result.seatsHeld, seats, "without the limits one address takes every seat")
            for slot in slots {
                let left = try await store.availability(slotId: slot.slotId, now: t0)!.seatsLeft
                XCTAssertEqual(left, 0, slot.slotId)
            }
        }
    }
}
