import Foundation

/// Bookings, seat holds and inventory: the money-bearing state of the service.
///
/// Every method that checks and then writes is atomic, and returns what it did, so a caller
/// acting on the answer cannot double-act (confirm twice, release seats twice). Clock-dependent
/// methods take `now` so tests can drive time. A write that returned has been durably committed.
package protocol BookingStore: Sendable {
    // MARK: - Inventory

    /// Makes the stored slots match content: adds, updates terms, retires what disappeared.
    /// Throws `InventoryConflict`, changing nothing, when the sync would drop a slot with upcoming
    /// bookings while offering its seats again under a new id (see `inventoryConflicts`).
    func syncInventory(_ slots: [SlotInventory], now: Date) async throws -> InventoryReport

    /// `syncInventory` from content of `contentVersion` (newer content has a larger version; nil
    /// when unknown). A store several instances share refuses, writing nothing, content older
    /// than what it already holds (see `InventoryReport.olderThanStored`); SQLite has one writer
    /// process and ignores the version.
    func syncInventory(_ slots: [SlotInventory], contentVersion: Int64?, now: Date) async throws -> InventoryReport

    /// What `syncInventory(slots)` would refuse, without writing anything (`yeyak check --db`).
    func inventoryConflicts(_ slots: [SlotInventory], now: Date) async throws -> [InventoryConflict.DroppedSlot]

    /// Upcoming (start after `now`), non-retired slots of one restaurant, by start.
    func availability(restaurant: String, now: Date) async throws -> [SlotAvailability]

    /// One slot's terms and seats, retired or past included; nil when unknown.
    func availability(slotId: String, now: Date) async throws -> SlotAvailability?

    // MARK: - Holds

    /// Holds seats for a guest (or reuses their live hold on the same slot).
    func hold(
        _ request: HoldRequest, now: Date, holdDuration: TimeInterval,
        newOrderId: @escaping @Sendable () -> String
    ) async throws -> HoldOutcome

    // MARK: - Payment

    /// READY -> CONFIRMING after checking the amount; see `ConfirmStart`.
    func beginConfirm(orderId: String, paymentKey: String, amount: Int, now: Date) async throws -> ConfirmStart

    /// CONFIRMING/NEEDS_ATTENTION -> PAID once Toss said DONE.
    func markPaid(
        orderId: String, paymentKey: String, approvedAt: Date, method: String?, receiptURL: String?, now: Date
    ) async throws -> TransitionOutcome

    /// CONFIRMING/NEEDS_ATTENTION -> FAILED on a definite refusal; releases the seats.
    func markFailed(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome

    /// CONFIRMING -> NEEDS_ATTENTION when the outcome is unknown; keeps the seats.
    func markNeedsAttention(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome

    /// READY (live or lapsed) -> FAILED for the Toss fail redirect; releases the seats.
    func failHold(orderId: String, code: String, message: String, now: Date) async throws -> TransitionOutcome

    /// READY (live or lapsed) -> FAILED when the guest lets go of the hold themselves; like
    /// `failHold`, with the `booking.released` notification written in the same transaction.
    func releaseHold(orderId: String, now: Date) async throws -> TransitionOutcome

    /// PAID/NEEDS_ATTENTION/CANCELLING -> CANCELLED after Toss refunded `refundAmount`; releases
    /// the seats.
    func markCancelled(orderId: String, refundAmount: Int, at: Date) async throws -> TransitionOutcome

    /// PAID -> CANCELLING: the refund (amount, reason) and the cancel's Idempotency-Key are
    /// committed before Toss is called, so a crash mid-refund is settled by lookup; see `CancelStart`.
    func beginCancel(orderId: String, refundAmount: Int, reason: String, now: Date) async throws -> CancelStart

    /// CANCELLING -> PAID when Toss definitely refused the refund; the booking stands.
    func abandonCancel(orderId: String, reason: String, now: Date) async throws -> TransitionOutcome

    /// CONFIRMING -> READY for a confirm begun with `paymentKey` that Toss shows is not this
    /// order's: the hold is left as it was (same expiry), as if the redirect had never come, and
    /// the confirm's Idempotency-Key is dropped with it.
    func revertConfirm(orderId: String, paymentKey: String, now: Date) async throws -> TransitionOutcome

    /// Replaces the stored Idempotency-Key of one operation with a fresh one and returns it: for
    /// a retry after a lookup proved the first attempt changed nothing (Toss replays an error
    /// answer stored under the old key for 15 days).
    func renewIdempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String

    /// The `Idempotency-Key` for one Toss operation on one order: made once, stored before it is
    /// returned, the same after a restart; `now` is its stored creation time. Throws
    /// `BookingStoreError.unknownOrder` for no such order.
    func idempotencyKey(orderId: String, operation: PaymentOperation, now: Date) async throws -> String

    // MARK: - Queries

    func booking(orderId: String, now: Date) async throws -> Booking?
    /// The booking with this booking code, in its stored form (`BookingCode.normalize`); nil
    /// when none has it. Says nothing about who asks: callers check the phone number.
    func booking(code: String, now: Date) async throws -> Booking?
    /// Bookings matching `filter`, by slot start then creation.
    func bookings(_ filter: BookingFilter) async throws -> [Booking]
    /// CONFIRMING, NEEDS_ATTENTION and CANCELLING bookings, oldest first, for the reconciler.
    func unsettled(now: Date) async throws -> [Booking]
    /// How many bookings are in each effective state (all states present, zero included).
    func stateCounts(now: Date) async throws -> [BookingState: Int]

    // MARK: - Several instances

    /// True when other processes may write the same database at once (PostgreSQL): no process
    /// may then assume a CONFIRMING booking it finds at start-up was left by a crash, and the
    /// reconciler claims its work (`claimUnsettled`) instead of taking every unsettled booking.
    var isShared: Bool { get }

    /// The unsettled bookings this process may settle now, leased to it for `lease` seconds so
    /// no other instance looks them up meanwhile: not leased to another, past their backoff
    /// (unless `ignoringBackoff`), and CONFIRMING ones only if not updated since
    /// `confirmingUpdatedBefore` (a confirm may still be in flight in some instance).
    func claimUnsettled(
        now: Date, confirmingUpdatedBefore: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool
    ) async throws -> [Booking]

    /// Ends this process's lease on a claimed booking: settled, or tried again after a backoff
    /// that doubles in the row (1 s, 2 s, ... 300 s), whichever instance tries next.
    func finishReconciling(orderId: String, settled: Bool, now: Date) async throws
}

extension BookingStore {
    /// One process owns the database (SQLite; `DatabaseLock`): its reconciler keeps its
    /// backoff in memory and claims nothing.
    package var isShared: Bool { false }

    package func claimUnsettled(
        now: Date, confirmingUpdatedBefore: Date, lease: TimeInterval, limit: Int, ignoringBackoff: Bool
    ) async throws -> [Booking] {
        try await unsettled(now: now).filter { $0.state != .confirming || $0.updatedAt < confirmingUpdatedBefore }
    }

    package func finishReconciling(orderId: String, settled: Bool, now: Date) async throws {}

    package func syncInventory(_ slots: [SlotInventory], contentVersion: Int64?, now: Date) async throws -> InventoryReport {
        try await syncInventory(slots, now: now)
    }

    package func hold(_ request: HoldRequest, now: Date, holdDuration: TimeInterval) async throws -> HoldOutcome {
        try await hold(request, now: now, holdDuration: holdDuration, newOrderId: OrderID.random)
    }
}

/// Why a store call failed outright (as opposed to an outcome it reports).
package enum BookingStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case closed
    case unknownOrder(String)
    /// The database was written by a newer version of this program.
    case schemaTooNew(found: Int, known: Int)
    /// A migration step left rows pointing nowhere; it was rolled back.
    case migrationBrokeForeignKeys(step: Int)
    case sqlite(code: Int32, message: String, sql: String)
    /// A PostgreSQL error with its SQLSTATE (e.g. 40P01 deadlock, 08006 connection lost).
    case postgres(sqlState: String, message: String, sql: String)
    /// A database URL that cannot be used (`--db postgres://...`), with the reason.
    case badDatabaseURL(String)
    /// Every booking code drawn for this order was taken (never seen: 10 draws from 31^8).
    case noFreeBookingCode(String)

    /// SQLITE_BUSY or SQLITE_LOCKED (any extended code): another connection held the lock past
    /// the busy timeout; PostgreSQL's 55P03 (lock_not_available) likewise. Nothing was written;
    /// the same call may succeed a moment later.
    package var isBlockedByAnotherConnection: Bool {
        switch self {
        case .sqlite(let code, _, _): code & 0xff == 5 || code & 0xff == 6
        case .postgres(let state, _, _): state == "55P03"
        default: false
        }
    }

    package var description: String {
        switch self {
        case .closed: "the booking store is closed"
        case .unknownOrder(let id): "no booking with order id \(id)"
        case .schemaTooNew(let found, let known):
            "database schema version \(found) is newer than this program's \(known)"
        case .migrationBrokeForeignKeys(let step): "schema migration \(step) broke a foreign key; rolled back"
        case .sqlite(let code, let message, let sql): "sqlite error \(code): \(message) (\(sql))"
        case .postgres(let state, let message, let sql): "postgres error \(state): \(message) (\(sql))"
        case .badDatabaseURL(let reason): reason
        case .noFreeBookingCode(let id): "no free booking code found for order id \(id)"
        }
    }
}
