@testable import BookingStore
import Foundation
import TestSupport
import XCTest

/// What the store suite needs of either store.
protocol SuiteStore: BookingStore, NotificationOutbox {
    func close()
    /// A query straight to the database, for what the protocol does not show (stored times).
    func query<T: Sendable>(_ sql: String, _ values: [SQLValue], _ map: @escaping @Sendable (any StoreRow) throws -> T) async throws -> [T]
}

extension SQLiteBookingStore: SuiteStore {
    func query<T: Sendable>(_ sql: String, _ values: [SQLValue], _ map: @escaping @Sendable (any StoreRow) throws -> T) async throws -> [T] {
        try readers.read { try $0.rows(sql, values, map) }
    }
}

extension PostgresBookingStore: SuiteStore {
    func query<T: Sendable>(_ sql: String, _ values: [SQLValue], _ map: @escaping @Sendable (any StoreRow) throws -> T) async throws -> [T] {
        try await pool.transaction(readOnly: true) { try $0.rows(sql, values, map) }
    }
}

/// A fresh database per test (a SQLite file, or a new database in the test process's PostgreSQL
/// cluster), a fixed clock origin, and small builders for slots and guests. The same tests run
/// on both stores through `eachStore`.
final class StoreFixture: @unchecked Sendable {
    enum Kind: String, CaseIterable { case sqlite, postgres }

    /// The settings both stores share, and the test-only switch that turns their guard off
    /// (SQLite: the check-then-write race; PostgreSQL: no advisory locks).
    struct Settings {
        var holdLimits = HoldLimits.off
        var maxLiveHoldsPerGuest = 3
        var unsafeSkipGuard = false
        /// Where new bookings' codes come from (tests make the generator repeat itself).
        var newBookingCode: @Sendable () -> String = BookingCode.random
        init(holdLimits: HoldLimits = .off, maxLiveHoldsPerGuest: Int = 3, unsafeSkipGuard: Bool = false) {
            self.holdLimits = holdLimits
            self.maxLiveHoldsPerGuest = maxLiveHoldsPerGuest
            self.unsafeSkipGuard = unsafeSkipGuard
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let hold: TimeInterval = 15 * 60
    static let deposit = 20_000

    let kind: Kind
    let directory: TemporaryDirectory
    /// The PostgreSQL database's URL (made on first open, kept for reopening).
    private var postgresURL: String?
    var path: String { directory.url.appendingPathComponent("bookings.sqlite").path }

    init(_ kind: Kind = .sqlite) throws {
        self.kind = kind
        directory = try TemporaryDirectory(prefix: "booking-store")
    }

    /// The SQLite store itself, for the tests about SQLite (group commit, WAL, the file).
    func openSQLite(_ options: SQLiteBookingStore.Options = .init()) throws -> SQLiteBookingStore {
        try SQLiteBookingStore(path: path, options: options)
    }

    /// The SQLite store holding `slots`.
    func sqliteStore(slots: [SlotInventory], options: SQLiteBookingStore.Options = .init()) async throws -> SQLiteBookingStore {
        let store = try openSQLite(options)
        _ = try await store.syncInventory(slots, now: Self.t0)
        return store
    }

    /// This fixture's store, opened (again) on the same database.
    func open(_ settings: Settings = .init()) throws -> any SuiteStore {
        switch kind {
        case .sqlite:
            var options = SQLiteBookingStore.Options(maxLiveHoldsPerGuest: settings.maxLiveHoldsPerGuest, holdLimits: settings.holdLimits)
            options.unsafeSkipTransactionGuard = settings.unsafeSkipGuard
            options.newBookingCode = settings.newBookingCode
            return try openSQLite(options)
        case .postgres:
            if postgresURL == nil { postgresURL = try PostgresCluster.shared().createDatabase() }
            var options = PostgresBookingStore.Options(
                clock: .caller, maxLiveHoldsPerGuest: settings.maxLiveHoldsPerGuest, holdLimits: settings.holdLimits)
            options.unsafeSkipLocks = settings.unsafeSkipGuard
            options.newBookingCode = settings.newBookingCode
            return try PostgresBookingStore(url: postgresURL!, options: options)
        }
    }

    /// An open store holding `slots`.
    func store(slots: [SlotInventory], options: Settings = .init()) async throws -> any SuiteStore {
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

/// Runs `body` once on a SQLite fixture and once on a PostgreSQL one (the store suite's one
/// fixture for both stores). Without PostgreSQL the second run is skipped locally, with the
/// reason printed, and fails under CI=true.
func eachStore(
    file: StaticString = #filePath, line: UInt = #line, _ body: (StoreFixture) async throws -> Void
) async throws {
    for kind in StoreFixture.Kind.allCases {
        let fixture: StoreFixture
        do {
            fixture = try StoreFixture(kind)
            if kind == .postgres { _ = try PostgresCluster.shared() }
        } catch is XCTSkip {
            continue
        }
        do {
            try await body(fixture)
        } catch {
            XCTFail("[\(kind.rawValue)] \(error)", file: file, line: line)
            throw error
        }
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

extension BookingStore {
    /// Seats taken in one slot at `now`.
    func seatsTaken(_ slotId: String, now: Date) async throws -> Int {
        try await availability(slotId: slotId, now: now)?.seatsTaken ?? -1
    }

    func hold(_ request: HoldRequest, at now: Date = StoreFixture.t0) async throws -> HoldOutcome {
        try await hold(request, now: now, holdDuration: StoreFixture.hold)
    }
}
