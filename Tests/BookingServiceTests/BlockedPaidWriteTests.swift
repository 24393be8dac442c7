import BookingStore
import Foundation
import TestSupport
import TossSandbox
import XCTest

/// Issue 19, "a charged guest always learns it": Toss says DONE while another connection holds
/// the database's write lock.
final class BlockedPaidWriteTests: XCTestCase {
    /// Toss applies the confirm and its answer is lost (the client times out after 2 s, then a
    /// lookup shows DONE); meanwhile another connection takes the write lock.
    func confirmWhileLocked(holdLockFor seconds: TimeInterval) async throws -> (page: (status: Int, html: String), harness: PaymentHarness, orderId: String) {
        var options = SQLiteBookingStore.Options()
        options.busyTimeout = 0.2
        let harness = try await PaymentHarness(storeOptions: options, paidWriteRetryBudget: 1.5)
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        harness.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, count: 1, operations: [.confirm]))
        let visit = Task { await harness.visit(url) }
        var state = BookingState.ready
        for _ in 0..<100 where state != .confirming {
            try await Task.sleep(nanoseconds: 10_000_000)
            state = try await harness.booking(hold.orderId).state
        }
        XCTAssertEqual(state, .confirming)
        let holder = try SQLiteLockHolder(path: harness.folder.url.appendingPathComponent("yeyak.sqlite").path)
        let release = Task {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            holder.release()
        }
        let page = await visit.value
        _ = try await release.value
        return (page, harness, hold.orderId)
    }

    func testALockLongerThanTheRetryBudgetShowsPaymentConfirmedAndTheReconcilerRecordsIt() async throws {
        let (page, harness, orderId) = try await confirmWhileLocked(holdLockFor: 5)
        XCTAssertEqual(page.status, 200, page.html)
        XCTAssertTrue(page.html.contains("결제가 확인되었습니다. 예약을 확정하는 중입니다"), page.html)
        XCTAssertTrue(page.html.contains(orderId), "the booking number: \(page.html)")
        XCTAssertFalse(page.html.contains("일시적인 오류"), page.html)
        let stateBefore = try await harness.booking(orderId).state
        XCTAssertEqual(stateBefore, .confirming)

        harness.clock.advance(by: 31)
        _ = await harness.service.bookings.reconciler.runOnce()
        let stateAfter = try await harness.booking(orderId).state
        XCTAssertEqual(stateAfter, .paid)
        let applied = try await harness.confirmLog(orderId).applied
        XCTAssertEqual(applied, 1, "charged once")
        await harness.close()
    }

    func testABriefLockIsWaitedOutAndThePageSaysBooked() async throws {
        let (page, harness, orderId) = try await confirmWhileLocked(holdLockFor: 2.6)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), page.html)
        let state = try await harness.booking(orderId).state
        XCTAssertEqual(state, .paid)
        await harness.close()
    }

    /// The same for a refund: Toss has refunded while another connection holds the write lock.
    /// The guest hears 202 (the cancel is being completed), never a 500, and the booking, left
    /// CANCELLING, is recorded CANCELLED by the reconciler (found by an outside review).
    func testARefundWhoseWriteIsBlockedAnswers202AndTheReconcilerRecordsIt() async throws {
        var options = SQLiteBookingStore.Options()
        options.busyTimeout = 0.2
        let harness = try await PaymentHarness(storeOptions: options, paidWriteRetryBudget: 1.5)
        let hold = try await harness.paidBooking()
        harness.sandbox.setFaults(FaultPlan(latencyMs: 600, count: 1, operations: [.cancel]))
        let cancel = Task {
            await harness.api("POST", "/api/bookings/\(hold.orderId)/cancel", json: ["customerKey": hold.customerKey])
        }
        var state = BookingState.paid
        for _ in 0..<100 where state != .cancelling {
            try await Task.sleep(nanoseconds: 10_000_000)
            state = try await harness.booking(hold.orderId).state
        }
        XCTAssertEqual(state, .cancelling)
        let holder = try SQLiteLockHolder(path: harness.folder.url.appendingPathComponent("yeyak.sqlite").path)
        let answer = await cancel.value
        holder.release()
        XCTAssertEqual(answer.status, 202, String(decoding: answer.body, as: UTF8.self))
        let tossStatus = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(tossStatus, "CANCELED")
        _ = await harness.service.bookings.reconciler.runOnce(force: true)
        let settled = try await harness.booking(hold.orderId).state
        XCTAssertEqual(settled, .cancelled)
        await harness.close()
    }

    /// Before Toss is called: the guest comes back from the payment window while another
    /// connection holds the write lock, so READY -> CONFIRMING cannot be written.
    func redirectWhileLocked(holdLockFor seconds: TimeInterval) async throws -> (page: (status: Int, html: String), harness: PaymentHarness, hold: PaymentHarness.Hold, url: URL) {
        var options = SQLiteBookingStore.Options()
        options.busyTimeout = 0.2
        let harness = try await PaymentHarness(storeOptions: options, paidWriteRetryBudget: 1.5)
        let hold = try await harness.hold(partySize: 2)
        let (url, _) = try harness.pay(hold)
        let holder = try SQLiteLockHolder(path: harness.folder.url.appendingPathComponent("yeyak.sqlite").path)
        let release = Task {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            holder.release()
        }
        let page = await harness.visit(url)
        _ = try await release.value
        return (page, harness, hold, url)
    }

    func testALockedDatabaseBeforeTheConfirmSaysNotChargedAndAReloadGoesOn() async throws {
        let (page, harness, hold, url) = try await redirectWhileLocked(holdLockFor: 4)
        XCTAssertEqual(page.status, 503, page.html)
        XCTAssertTrue(page.html.contains("예약금은 청구되지 않았고 좌석은 그대로 잡혀 있습니다"), page.html)
        XCTAssertTrue(page.html.contains("새로고침"), page.html)
        XCTAssertFalse(page.html.contains("일시적인 오류"), page.html)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.calls, 0, "Toss must not be called while the booking could not be marked CONFIRMING")
        let state = try await harness.booking(hold.orderId).state
        XCTAssertEqual(state, .ready, "the hold keeps its seats")

        let reload = await harness.visit(url)
        XCTAssertEqual(reload.status, 200, reload.html)
        XCTAssertTrue(reload.html.contains("예약이 성공하였습니다"), reload.html)
        let paid = try await harness.booking(hold.orderId).state
        XCTAssertEqual(paid, .paid)
        await harness.close()
    }

    func testABriefLockBeforeTheConfirmIsWaitedOut() async throws {
        let (page, harness, hold, _) = try await redirectWhileLocked(holdLockFor: 0.8)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), page.html)
        let state = try await harness.booking(hold.orderId).state
        XCTAssertEqual(state, .paid)
        await harness.close()
    }

    /// A hold and a paid guest's cancel while another connection keeps the database locked: a
    /// 503 that says nothing changed and when to try again, never the generic 500 (found by an
    /// outside review), and indeed nothing changed: no hold, no refund at Toss.
    func testHoldsAndCancelsWhileTheDatabaseIsLockedSayNothingChangedAndRetryLater() async throws {
        var options = SQLiteBookingStore.Options()
        options.busyTimeout = 0.2
        let harness = try await PaymentHarness(storeOptions: options, paidWriteRetryBudget: 1.5)
        let paid = try await harness.paidBooking()
        let holder = try SQLiteLockHolder(path: harness.folder.url.appendingPathComponent("yeyak.sqlite").path)
        let hold = await harness.api("POST", "/api/reservations", json: [
            "slotId": harness.slot.id, "partySize": 2, "customerKey": "guest_locked_out", "name": "김예약", "phone": "010-1234-5678",
        ])
        let cancel = await harness.api("POST", "/api/bookings/\(paid.orderId)/cancel", json: ["customerKey": paid.customerKey])
        holder.release()
        for answer in [hold, cancel] {
            let body = String(decoding: answer.body, as: UTF8.self)
            XCTAssertEqual(answer.status, 503, body)
            XCTAssertTrue(body.contains("아무것도 바뀌지 않았으니"), body)
            XCTAssertEqual(answer.headers["Retry-After"], "2")
        }
        let booking = try await harness.booking(paid.orderId)
        XCTAssertEqual(booking.state, .paid)
        let tossStatus = await harness.tossStatus(paid.orderId)
        XCTAssertEqual(tossStatus, "DONE", "no refund was started")
        await harness.close()
    }
}
