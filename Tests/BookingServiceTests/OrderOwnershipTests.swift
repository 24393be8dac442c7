import BookingStore
import Foundation
import TestSupport
import TossClient
import TossSandbox
import XCTest
@testable import BookingService

/// Only the order's own payment changes the order: a redirect with another payment's key, a
/// browser's fail redirect for a paid booking, an earlier payment-window attempt's ABORTED, a
/// webhook for an order we do not know.
final class OrderOwnershipTests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func successURL(_ hold: PaymentHarness.Hold, paymentKey: String) -> URL {
        URL(string: "http://127.0.0.1:1/restaurant/confirm/success/?paymentKey=\(paymentKey)&orderId=\(hold.orderId)&amount=\(hold.amount)")!
    }

    func testARedirectWithAMadeUpPaymentKeyLeavesTheGuestsHoldAsItWas() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (realURL, _) = try harness.pay(hold)
        let before = try await harness.booking(hold.orderId)

        let forged = await harness.visit(successURL(hold, paymentKey: "tgen_not_this_orders_key"))
        XCTAssertEqual(forged.status, 400, forged.html)
        let after = try await harness.booking(hold.orderId)
        XCTAssertEqual(after.state, .ready, "a stranger's redirect must not fail the guest's hold")
        XCTAssertEqual(after.expiresAt, before.expiresAt, "nor move its expiry")
        XCTAssertNil(after.paymentKey)

        let real = await harness.visit(realURL)
        XCTAssertEqual(real.status, 200)
        XCTAssertTrue(real.html.contains("예약이 성공하였습니다"), real.html)
        let paid = try await harness.booking(hold.orderId)
        XCTAssertEqual(paid.state, .paid)
    }

    func testTheGuestsOwnRedirectWinsWhenAForgedOneArrivesAtTheSameTime() async throws {
        let hold = try await harness.hold(partySize: 2)
        let (realURL, _) = try harness.pay(hold)
        harness.sandbox.setFaults(FaultPlan(latencyMs: 300, operations: [.confirm]))
        let harness = self.harness!
        let forgedURL = successURL(hold, paymentKey: "tgen_forged")
        let forged = Task { await harness.visit(forgedURL) }
        try await Task.sleep(for: .milliseconds(50))
        let guest = await harness.visit(realURL)
        _ = await forged.value
        XCTAssertTrue(guest.html.contains("예약이 성공하였습니다"), guest.html)
        let paid = try await harness.booking(hold.orderId)
        XCTAssertEqual(paid.state, .paid)
    }

    func testAFailRedirectForAPaidBookingChangesNothingAndSaysItIsPaid() async throws {
        let hold = try await harness.hold(partySize: 2)
        _ = await harness.visit(try harness.pay(hold).url)
        let page = await harness.visit(URL(string: "http://127.0.0.1:1/restaurant/confirm/failed/?code=PAY_PROCESS_CANCELED&message=x&orderId=\(hold.orderId)")!)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), "the page says what is true: \(page.html)")
        XCTAssertFalse(page.html.contains("청구되지 않았습니다"), "a charged guest is never told they were not charged")
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
    }

    /// A Toss payment as a lookup returns it, from JSON.
    func payment(_ fields: String) throws -> Payment {
        let body = "{\"mId\":\"tosspayments\",\"orderName\":\"x\",\"method\":\"카드\",\"requestedAt\":\"2026-12-01T10:00:00+09:00\",\(fields)}"
        guard case .done(let payment) = TossResponseClassifier.classify(status: 200, body: Data(body.utf8)) else {
            throw XCTSkip("fixture did not parse: \(body)")
        }
        return payment
    }

    func testAnEarlierAttemptsAbortedPaymentDoesNotFailTheBookingBeingConfirmed() async throws {
        let hold = try await harness.hold(partySize: 2)
        harness.sandbox.setFaults(FaultPlan(mode: .timeout, operations: [.confirm, .lookup]))
        _ = await harness.visit(try harness.pay(hold).url)
        harness.sandbox.setFaults(FaultPlan())
        let waiting = try await harness.booking(hold.orderId)
        XCTAssertEqual(waiting.state, .needsAttention)
        let settlement = PaymentSettlement(store: harness.store, toss: harness.toss, clock: harness.clock,
                                           metrics: ServiceMetrics(), log: { _ in })
        let earlier = try payment("""
            "paymentKey":"tgen_earlier_attempt","orderId":"\(hold.orderId)","status":"ABORTED","totalAmount":\(hold.amount),"balanceAmount":\(hold.amount)
            """)
        _ = try await settlement.apply(earlier, to: waiting)
        let still = try await harness.booking(hold.orderId)
        XCTAssertEqual(still.state, .needsAttention, "another attempt's ABORTED says nothing about this payment")

        let current = try payment("""
            "paymentKey":"\(waiting.paymentKey!)","orderId":"\(hold.orderId)","status":"ABORTED","totalAmount":\(hold.amount),"balanceAmount":\(hold.amount)
            """)
        _ = try await settlement.apply(current, to: waiting)
        let failed = try await harness.booking(hold.orderId)
        XCTAssertEqual(failed.state, .failed, "the booking's own payment ABORTED does fail it")
    }

    func testAnErrorAnswerStoredUnderTheKeyIsNotRetriedUnderTheSameKey() async throws {
        // Toss stores a 500 under the Idempotency-Key and replays it for that key for 15 days:
        // after a lookup proves nothing was applied, the retry must use a new key.
        let hold = try await harness.hold(partySize: 2)
        harness.sandbox.setFaults(FaultPlan(mode: .http500, count: 1, operations: [.confirm]))
        let page = await harness.visit(try harness.pay(hold).url)
        XCTAssertTrue(page.html.contains("예약이 성공하였습니다"), page.html)
        let booking = try await harness.booking(hold.orderId)
        XCTAssertEqual(booking.state, .paid)
        let log = try await harness.confirmLog(hold.orderId)
        XCTAssertEqual(log.applied, 1, "charged once")
    }

    func testWebhooksForOrdersWeDoNotKnowCostNoTossCallAndConcurrentOnesShareALookup() async throws {
        let (service, transport) = harness.recordedService()
        let harness = self.harness!
        @Sendable func post(_ data: [String: String]) async -> Int {
            var request = harness.request("POST", "/webhooks/toss")
            request.body = Array(try! JSONSerialization.data(withJSONObject: ["eventType": "PAYMENT_STATUS_CHANGED", "data": data]))
            request.headers.set("Content-Type", "application/json")
            return await service.respond(to: request).status
        }
        for index in 0..<50 {
            let status = await post(["paymentKey": "tgen_flood_\(index)", "orderId": "AAAAAAAAAAAAAAAAAAAAA\(index % 10)xx"])
            XCTAssertEqual(status, 200)
        }
        XCTAssertEqual(transport.calls.count, 0, "an anonymous flood for unknown orders never reaches Toss with our key")

        let hold = try await harness.hold(partySize: 2)
        let (url, paymentKey) = try harness.pay(hold)
        _ = await harness.visit(url)
        harness.sandbox.setFaults(FaultPlan(latencyMs: 200, operations: [.lookup]))
        let statuses = await withTaskGroup(of: Int.self) { group in
            let key = paymentKey!, orderId = hold.orderId
            for _ in 0..<20 { group.addTask { await post(["paymentKey": key, "orderId": orderId]) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 20))
        let lookups = transport.calls.filter { $0.method == "GET" }.count
        XCTAssertLessThanOrEqual(lookups, 3, "20 concurrent events for one payment share lookups (got \(lookups))")
    }
}
