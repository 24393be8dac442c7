import BookingStore
import Foundation
import TestSupport
import XCTest

/// A fresh database file per test, a fixed clock origin, and small builders for slots and guests.
final class StoreFixture: @unchecked Sendable {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let hold: TimeInterval = 15 * 60
    static let deposit = 20_000

    let directory: TemporaryDirectory
    var path: String { directory.url.appendingPathComponent("bookings.sqlite").path }

    init() throws {
        directory = try TemporaryDirectory(prefix: "booking-store")
    }

    func open(_ options: SQLiteBookingStore.Options = .init()) throws -> SQLiteBookingStore {
        try SQLiteBookingStore(path: path, options: options)
    }

    /// An open store holding `slots`.
    func store(
        slots: [SlotInventory], options: SQLiteBookingStore.Options = .init()
    ) async throws -> SQLiteBookingStore {
        let store = try open(options)
        _ = try await store.syncInventory(slots, now: Self.t0)
        return store
    }

    static func slot(
        _ id: String = "mingles-t1-0700", capacity: Int = 4, deposit: Int = deposit, maxParty: Int = 4,
        startsAt: Date = t0.addingTimeInterval(7 * 86_400), restaurant: String = "mingles"
    ) -> SlotInventory {
        SlotInventory(
            slotId: id, restaurant: restaurant, tableId: "t1", startsAt: startsAt, capacity: capacity,
            depositPerPerson: deposit, maxPartySize: maxParty, orderName: "밍글스 \(id)")
    }

    static func request(
        _ slotId: String = "mingles-t1-0700", party: Int, guest: String, phone: String = "01012345678",
        from address: String? = nil
    ) -> HoldRequest {
        HoldRequest(
            slotId: slotId, partySize: party, customerKey: "cust-\(guest)", guestName: "손님 \(guest)",
            phone: phone, comment: "", client: address.flatMap(ClientAddress.init) ?? .unknown)
    }
}

/// The booking inside a hold outcome, failing the test otherwise.
func heldBooking(_ outcome: HoldOutcome, file: StaticString = #filePath, line: UInt = #line) throws -> Booking {
    switch outcome {
    case .created(let booking), .reused(let booking): return booking
    default:
        XCTFail("expected a hold, got \(outcome)", file: file, line: line)
        throw CancellationError()
    }
}

extension SQLiteBookingStore {
    /// Seats taken in one slot at `now`.
    func seatsTaken(_ slotId: String, now: Date) async throws -> Int {
        try await availability(slotId: slotId, now: now)?.seatsTaken ?? -1
    }

    func hold(_ request: HoldRequest, at now: Date = StoreFixture.t0) async throws -> HoldOutcome {
        try await hold(request, now: now, holdDuration: StoreFixture.hold)
    }
}
