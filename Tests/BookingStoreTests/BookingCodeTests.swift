import Foundation
import TestSupport
import XCTest
@testable import BookingStore

/// The short booking code: readable (no look-alikes), random, unique per booking (a collision is
/// drawn again inside the hold's transaction), typed any way a guest types it, and given to
/// every booking a database already held when it is migrated.
final class BookingCodeTests: XCTestCase {
    /// What a migration must leave: each of the 30 old bookings with its own valid code, found by it.
    @discardableResult
    func assertThirtyBookingsGotUniqueCodes(_ store: any BookingStore, now: Date,
                                            file: StaticString = #filePath, line: UInt = #line) async throws -> [Booking] {
        let migrated = try await store.bookings(BookingFilter(now: now))
        XCTAssertEqual(migrated.count, 30, file: file, line: line)
        XCTAssertTrue(migrated.allSatisfy { BookingCode.normalize($0.code) == $0.code }, "\(migrated.map(\.code))", file: file, line: line)
        XCTAssertEqual(Set(migrated.map(\.code)).count, 30, "unique", file: file, line: line)
        for booking in migrated.prefix(3) {
            let found = try await store.booking(code: booking.code, now: now)
            XCTAssertEqual(found?.orderId, booking.orderId, file: file, line: line)
        }
        return migrated
    }

    let t0 = StoreFixture.t0

    // MARK: - The code itself

    func testCodesAreEightCharactersWithoutLookAlikesAndUseTheWholeAlphabet() {
        XCTAssertEqual(BookingCode.alphabet.count, 31)
        for lookAlike in "01ILO" { XCTAssertFalse(BookingCode.alphabet.contains(lookAlike), "\(lookAlike)") }
        var seen = Set<String>()
        var characters = [Character: Int]()
        for _ in 0..<2_000 {
            let code = BookingCode.random()
            XCTAssertEqual(code.count, 8)
            XCTAssertTrue(code.allSatisfy(BookingCode.alphabet.contains), code)
            XCTAssertEqual(BookingCode.normalize(code), code)
            seen.insert(code)
            for character in code { characters[character, default: 0] += 1 }
        }
        XCTAssertEqual(seen.count, 2_000, "16,000 draws of 31 characters: no repeated code")
        XCTAssertEqual(characters.count, 31, "every character of the alphabet is drawn")
        // 16,000 characters over 31: about 516 each; rejection sampling keeps the first ones
        // from being favoured (folding bytes mod 31 would give the first 8 about 3% more).
        let counts = characters.values
        XCTAssertGreaterThan(counts.min() ?? 0, 400)
        XCTAssertLessThan(counts.max() ?? 0, 640)
    }

    func testTheInjectedGeneratorIsUsed() {
        struct Zeros: RandomNumberGenerator { mutating func next() -> UInt64 { 0 } }
        var zeros = Zeros()
        XCTAssertEqual(BookingCode.random(using: &zeros), "22222222")
    }

    func testTypedCodesAreReadCaseInsensitivelyWithOrWithoutTheDash() {
        for typed in ["K7QX-2M9P", "k7qx-2m9p", "K7QX2M9P", " k7qx 2m9p ", "K7-QX-2M-9P", "Ｋ７ＱＸ－２Ｍ９Ｐ"] {
            XCTAssertEqual(BookingCode.normalize(typed), "K7QX2M9P", typed)
        }
        for wrong in ["", "K7QX-2M9", "K7QX-2M9PP", "K7QX-2M9O", "K7QX-2M91", "K7QX_2M9P", "K7QX-2M9P;"] {
            XCTAssertNil(BookingCode.normalize(wrong), wrong)
        }
        XCTAssertEqual(BookingCode.formatted("K7QX2M9P"), "K7QX-2M9P")
        XCTAssertEqual(BookingCode.formatted(""), "")
    }

    // MARK: - In the store

    func testEveryHoldGetsItsOwnCodeAndTheCodeFindsIt() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 200, maxParty: 1)])
            defer { store.close() }
            var codes = Set<String>()
            for guest in 0..<50 {
                let booking = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "g\(guest)")))
                XCTAssertNotNil(BookingCode.normalize(booking.code), booking.code)
                codes.insert(booking.code)
                let found = try await store.booking(code: booking.code, now: t0)
                XCTAssertEqual(found?.orderId, booking.orderId)
            }
            XCTAssertEqual(codes.count, 50)
            let unknown = try await store.booking(code: "22222222", now: t0)
            XCTAssertNil(unknown)
        }
    }

    func testAReusedHoldKeepsItsCode() async throws {
        try await eachStore { fixture in
            let store = try await fixture.store(slots: [StoreFixture.slot()])
            defer { store.close() }
            let first = try heldBooking(try await store.hold(StoreFixture.request(party: 2, guest: "a")))
            let again = try heldBooking(try await store.hold(StoreFixture.request(party: 3, guest: "a")))
            XCTAssertEqual(again.orderId, first.orderId)
            XCTAssertEqual(again.code, first.code)
        }
    }

    func testACodeAlreadyTakenIsDrawnAgainInsideTheHold() async throws {
        try await eachStore { fixture in
            let draws = LockedList<String>()
            var options = StoreFixture.Settings()
            // The generator repeats itself: the second booking's first two draws are taken.
            let sequence = ["AAAA2222", "AAAA2222", "AAAA2222", "BBBB3333"]
            options.newBookingCode = {
                let index = draws.values.count
                draws.append(sequence[min(index, sequence.count - 1)])
                return sequence[min(index, sequence.count - 1)]
            }
            let store = try await fixture.store(slots: [StoreFixture.slot()], options: options)
            defer { store.close() }
            let first = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "a")))
            let second = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "b")))
            XCTAssertEqual(first.code, "AAAA2222")
            XCTAssertEqual(second.code, "BBBB3333", "a taken code is drawn again, never shared")
            XCTAssertEqual(draws.values.count, 4)
        }
    }

    func testAHoldThatFindsNoFreeCodeLeavesNoBookingAndNoSeatsTaken() async throws {
        try await eachStore { fixture in
            var options = StoreFixture.Settings()
            options.newBookingCode = { "AAAA2222" }
            let store = try await fixture.store(slots: [StoreFixture.slot(capacity: 4)], options: options)
            defer { store.close() }
            _ = try heldBooking(try await store.hold(StoreFixture.request(party: 1, guest: "a")))
            do {
                _ = try await store.hold(StoreFixture.request(party: 2, guest: "b"))
                XCTFail("ten taken draws refuse the hold")
            } catch let error as BookingStoreError {
                guard case .noFreeBookingCode = error else { return XCTFail("\(error)") }
            }
            let taken = try await store.seatsTaken(StoreFixture.slot().slotId, now: t0)
            XCTAssertEqual(taken, 1, "the refused hold was rolled back whole")
            let all = try await store.bookings(BookingFilter(now: t0))
            XCTAssertEqual(all.count, 1)
        }
    }

    // MARK: - Migration (step 5)

    func testAFourthSchemaDatabaseGivesEveryExistingBookingAUniqueCode() async throws {
        let fixture = try StoreFixture()
        do {
            let old = try SQLiteConnection(path: fixture.path, busyTimeoutMilliseconds: 1000)
            for step in 0..<4 { try old.execute(BookingSchema.migrations[step]) }
            try old.execute("PRAGMA user_version = 4")
            try old.execute("INSERT INTO slots VALUES ('r.t.20270115.1800', 'r', 't', 1800003600, 40, 10000, 4, '식당 예약금', 0)")
            for index in 0..<30 {
                let id = String(format: "ORDER%019d", index)
                try old.execute("""
                    INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment, party_size, amount, state,
                        created_at, expires_at, updated_at)
                    VALUES ('\(id)', 'r.t.20270115.1800', 'guest-\(index)', '김예약', '01012345678', '', 1, 10000,
                        'PAID', 1800000000, 1800000900, 1800000100)
                    """)
            }
        }
        let store = try fixture.openSQLite()
        XCTAssertEqual(store.migrationsApplied, SQLiteBookingStore.schemaVersion - 4)
        let now = Date(timeIntervalSince1970: 1_800_000_200)
        let migrated = try await assertThirtyBookingsGotUniqueCodes(store, now: now)
        store.close()

        let reopened = try fixture.openSQLite()
        defer { reopened.close() }
        XCTAssertEqual(reopened.migrationsApplied, 0)
        let again = try await reopened.bookings(BookingFilter(now: now))
        XCTAssertEqual(again.map(\.code), migrated.map(\.code), "codes are given once, in the migration")
    }

    /// PostgreSQL's step 6 is SQLite's step 5: a database at step 5 gives its bookings codes.
    func testAFifthSchemaPostgresDatabaseGivesEveryExistingBookingAUniqueCode() async throws {
        let url = try PostgresCluster.shared().createDatabase()
        do {
            let old = try PostgresConnection(conninfo: url, skipLocks: false)
            try old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for step in 0..<5 { try old.execute(PostgresSchema.migrations[step]) }
            try old.execute("INSERT INTO schema_version VALUES (5)")
            try old.execute("INSERT INTO slots VALUES ('r.t.20270115.1800', 'r', 't', 1800003600, 40, 10000, 4, '식당 예약금', 0)")
            for index in 0..<30 {
                let id = String(format: "ORDER%019d", index)
                try old.execute("""
                    INSERT INTO bookings (order_id, slot_id, customer_key, guest_name, phone, comment, party_size, amount, state,
                        created_at, expires_at, updated_at)
                    VALUES ('\(id)', 'r.t.20270115.1800', 'guest-\(index)', '김예약', '01012345678', '', 1, 10000,
                        'PAID', 1800000000, 1800000900, 1800000100)
                    """)
            }
        }
        let options = PostgresBookingStore.Options(clock: .caller, connections: 2)
        let store = try PostgresBookingStore(url: url, options: options)
        XCTAssertEqual(store.migrationsApplied, PostgresBookingStore.schemaVersion - 5)
        let now = Date(timeIntervalSince1970: 1_800_000_200)
        let migrated = try await assertThirtyBookingsGotUniqueCodes(store, now: now)
        store.close()

        let reopened = try PostgresBookingStore(url: url, options: options)
        defer { reopened.close() }
        XCTAssertEqual(reopened.migrationsApplied, 0)
        let again = try await reopened.bookings(BookingFilter(now: now))
        XCTAssertEqual(again.map(\.code), migrated.map(\.code), "codes are given once, in the migration")
    }
}
