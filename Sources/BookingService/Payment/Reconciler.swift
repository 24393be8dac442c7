import BookingStore
import CivilTime
import Foundation
import Synchronization
import TossClient

/// Settles every booking whose payment outcome is not known yet (CONFIRMING left behind by a
/// crash or a timeout, NEEDS_ATTENTION, CANCELLING whose refund is not shown yet) by looking the
/// payment up, with backoff.
/// Runs at start and then periodically; staff see what stays unsettled in `yeyak bookings`.
/// On a database several instances share (`BookingStore.isShared`) each pass claims its
/// bookings in the database, so the instances share the work and never settle one twice.
package final class Reconciler: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let settlement: PaymentSettlement
    let refunds: RefundFlow
    let lookups: BackgroundLookups
    let clock: any WallClock
    let configuration: ServiceConfiguration
    let log: @Sendable (String) -> Void
    /// When each order may be tried again (in memory: a restart tries everything at once).
    private let nextAttempt = Mutex<[String: (at: Date, delay: TimeInterval)]>([:])

    init(store: any BookingStore, toss: TossClient, settlement: PaymentSettlement, refunds: RefundFlow,
         lookups: BackgroundLookups, clock: any WallClock,
         configuration: ServiceConfiguration, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.toss = toss
        self.settlement = settlement
        self.refunds = refunds
        self.lookups = lookups
        self.clock = clock
        self.configuration = configuration
        self.log = log
    }

    package struct Pass: Sendable, Equatable {
        package var examined = 0
        package var settled = 0
        package var stillUnknown = 0
    }

    /// One pass over the unsettled bookings. `force` ignores backoff (start-up, tests).
    @discardableResult
    package func runOnce(force: Bool = false) async -> Pass {
        var pass = Pass()
        let now = clock.now
        let due: [Booking]
        if store.isShared {
            // Several instances: the work is claimed (leased) in the database, backoff kept in
            // the row, and a fresh CONFIRMING booking is left alone even when forced, since it
            // may be another instance's confirm in flight.
            guard let claimed = try? await store.claimUnsettled(
                now: now, confirmingUpdatedBefore: now.addingTimeInterval(-configuration.staleConfirmAfter),
                lease: Self.lease, limit: Self.claimLimit, ignoringBackoff: force) else { return pass }
            due = claimed
        } else {
            guard let unsettled = try? await store.unsettled(now: now) else { return pass }
            due = unsettled.filter { booking in
                if booking.state == .confirming && now.timeIntervalSince(booking.updatedAt) < configuration.staleConfirmAfter && !force {
                    return false  // a confirm call may still be in flight in this process
                }
                if !force, let next = nextAttempt.withLock({ $0[booking.orderId] }), next.at > now { return false }
                return true
            }
        }
        // A few lookups at a time: a slow Toss must not make a long queue wait one by one.
        await withTaskGroup(of: (String, Bool).self) { group in
            var iterator = due.makeIterator()
            for _ in 0..<Self.parallelLookups {
                guard let booking = iterator.next() else { break }
                group.addTask { (booking.orderId, await self.lookups.withinBudget { await self.settle(booking) }) }
            }
            while let (orderId, settled) = await group.next() {
                pass.examined += 1
                if store.isShared { try? await store.finishReconciling(orderId: orderId, settled: settled, now: clock.now) }
                if settled {
                    pass.settled += 1
                    nextAttempt.withLock { $0[orderId] = nil }
                } else {
                    pass.stillUnknown += 1
                    nextAttempt.withLock { attempts in
                        let delay = min((attempts[orderId]?.delay ?? 1) * 2, 300)
                        attempts[orderId] = (now.addingTimeInterval(delay), delay)
                    }
                }
                if let booking = iterator.next() {
                    group.addTask { (booking.orderId, await self.lookups.withinBudget { await self.settle(booking) }) }
                }
            }
        }
        return pass
    }

    static let parallelLookups = 8
    /// How long a claimed booking stays this instance's (a lookup takes seconds at most); an
    /// instance that dies holding it gives it back after this.
    static let lease: TimeInterval = 120
    /// Bookings claimed per pass on a shared database.
    static let claimLimit = 64

    /// Runs passes until the task is cancelled.
    package func run(every interval: TimeInterval) async {
        while !Task.isCancelled {
            await runOnce()
            try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
        }
    }

    /// True when the booking reached a final answer.
    private func settle(_ booking: Booking) async -> Bool {
        if booking.state == .cancelling {
            // A refund recorded before its Toss call: settled by what Toss shows (invariant 11).
            do {
                switch try await refunds.settle(booking) {
                case .refundPending: return false
                default: return true
                }
            } catch {
                log("reconciler: order \(booking.orderId): \(error)")
                return false
            }
        }
        let lookup = await toss.payment(orderId: booking.orderId)
        do {
            switch lookup {
            case .done(let payment):
                if payment.status == .inProgress, payment.totalAmount == booking.amount {
                    // Authenticated, never approved: the lookup proves no confirm took, so the
                    // confirm is asked again under a new key (the old one would only replay its
                    // stored answer), for the payment Toss shows for this order.
                    let key = try await store.renewIdempotencyKey(orderId: booking.orderId, operation: .confirm, now: clock.now)
                    let again = await toss.confirm(paymentKey: payment.paymentKey, orderId: booking.orderId,
                                                   amount: booking.amount, idempotencyKey: key)
                    if case .done(let approved) = again {
                        return try await settlement.apply(approved, to: booking).isSettled
                    }
                    if case .refused(let code, _, _) = again {
                        _ = try await store.markFailed(orderId: booking.orderId, code: code, message: FailureMessages.korean(for: code), now: clock.now)
                        return true
                    }
                    return false
                }
                let result = try await settlement.apply(payment, to: booking)
                if case .checking = result, booking.state == .confirming {
                    _ = try await settlement.attention(booking, "Toss shows \(payment.status.rawValue)")
                }
                return result.isSettled
            case .refused(let code, _, _) where code == "NOT_FOUND_PAYMENT":
                // Toss never saw a payment for this order. Once its session and confirm window
                // are surely over, nothing can be charged any more: release the seats.
                if clock.now.timeIntervalSince(booking.createdAt) > configuration.unknownPaymentGivesUpAfter {
                    _ = try await store.markFailed(orderId: booking.orderId, code: code, message: FailureMessages.korean(for: code), now: clock.now)
                    return true
                }
                if booking.state == .confirming { _ = try await settlement.attention(booking, "Toss has no payment yet") }
                return false
            default:
                if booking.state == .confirming {
                    _ = try await settlement.attention(booking, "lookup: \(lookup.summary)")
                }
                return false
            }
        } catch {
            log("reconciler: order \(booking.orderId): \(error)")
            return false
        }
    }
}
