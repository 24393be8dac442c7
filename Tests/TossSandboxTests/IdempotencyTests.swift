import Foundation
import TossSandbox
import XCTest

/// `Idempotency-Key`: the first answer comes back and nothing is executed twice.
final class IdempotencyTests: XCTestCase {
    func testRepeatReturnsFirstResponseWithoutActingAgain() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let first = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "idem-confirm-1")
        let second = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "idem-confirm-1")
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(second.status, 200, "a retry gets the original success, not ALREADY_PROCESSED_PAYMENT")
        XCTAssertEqual(first.response.body, second.response.body)
        let log = await h.log(orderId: orderId)
        XCTAssertEqual(log["confirmCalls"] as? Int, 2)
        XCTAssertEqual(log["executedConfirms"] as? Int, 1)
        XCTAssertEqual(log["appliedConfirms"] as? Int, 1)
        // Negative control: without the key the second call is executed and refused.
        let value30 = await h.confirm(paymentKey: key, orderId: orderId).code
        XCTAssertEqual(value30, "ALREADY_PROCESSED_PAYMENT")
    }

    func testFirstErrorIsReplayedEvenWhenTheRetryWouldSucceed() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId, amount: 20_000)
        let first = await h.confirm(paymentKey: key, orderId: orderId, amount: 1, idempotencyKey: "k-err")
        XCTAssertEqual(first.code, "INVALID_REQUEST")
        let retry = await h.confirm(paymentKey: key, orderId: orderId, amount: 20_000, idempotencyKey: "k-err")
        XCTAssertEqual(retry.status, 400)
        XCTAssertEqual(retry.code, "INVALID_REQUEST")
        let value31 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value31, "IN_PROGRESS")
        let value32 = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "k-new").status
        XCTAssertEqual(value32, 200)
    }

    func testKeyIsScopedBySecretAndPath() async {
        let other = MerchantKeys(clientKey: "test_gck_shop2", secretKey: "test_gsk_shop2", merchantId: "shop2")
        let h = SandboxHarness(configuration: SandboxConfiguration(additionalKeys: [other]))
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId)
        let cancel = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest"],
                                  headers: [("Idempotency-Key", "shared")])
        XCTAssertEqual(cancel.json["status"] as? String, "CANCELED")
        let otherSecret = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest"],
                                       headers: [("Idempotency-Key", "shared")], secret: other.secretKey)
        XCTAssertEqual(otherSecret.code, "NOT_FOUND_PAYMENT", "another secret's key is not this one")
        let otherPath = await h.send("POST", "/v1/payments/confirm",
                                     json: ["paymentKey": key, "orderId": orderId, "amount": 20_000],
                                     headers: [("Idempotency-Key", "shared")])
        XCTAssertEqual(otherPath.code, "ALREADY_PROCESSED_PAYMENT", "another URL with the same key is executed")
    }

    func testKeysAreForgottenAfterFifteenDays() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let value33 = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "old").status
        XCTAssertEqual(value33, 200)
        h.clock.advance(by: 14 * 24 * 3600)
        let value34 = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "old").status
        XCTAssertEqual(value34, 200)
        h.clock.advance(by: 1 * 24 * 3600 + 1)
        let forgotten = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "old")
        XCTAssertEqual(forgotten.code, "ALREADY_PROCESSED_PAYMENT")
    }

    func testOverlongKeyIsRejected() async {
        let h = SandboxHarness()
        let reply = await h.confirm(paymentKey: "x", orderId: "order_123456",
                                    idempotencyKey: String(repeating: "k", count: 301))
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(reply.code, "INVALID_REQUEST")
    }

    func testConcurrentRetriesWithOneKeyConfirmOnce() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "race").status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 20))
        let log = await h.log(orderId: orderId)
        XCTAssertEqual(log["executedConfirms"] as? Int, 1)
        XCTAssertEqual(log["appliedConfirms"] as? Int, 1)
    }
}

/// Injected 5xx and `PROVIDER_ERROR` answers are answers: Toss stores every answer to a POST with an
/// `Idempotency-Key` (errors too) and replays it, so a retry with the same key hears the same error
/// and only a new key (or a lookup) learns more. A timeout is no answer and is not stored.
final class InjectedErrorIdempotencyTests: XCTestCase {
    func testInjectedErrorsAreStoredAndReplayedForTheSameKey() async {
        for (mode, status, code) in [(FaultPlan.Mode.http500, 500, "FAILED_INTERNAL_SYSTEM_PROCESSING"),
                                     (.providerError, 400, "PROVIDER_ERROR")] {
            let h = SandboxHarness()
            let orderId = SandboxHarness.newOrderId()
            let key = await h.approvedPayment(orderId: orderId)
            h.sandbox.setFaults(FaultPlan(mode: mode, count: 1, operations: [.confirm]))
            let first = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "k-\(mode)")
            XCTAssertEqual(first.status, status)
            XCTAssertEqual(first.code, code)
            // The fault is used up; the same key still hears the stored error and nothing is executed.
            let replay = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "k-\(mode)")
            XCTAssertEqual(replay.status, status, "\(mode): replayed")
            XCTAssertEqual(replay.code, code)
            XCTAssertEqual(replay.response.body, first.response.body)
            let status1 = await h.lookup(orderId: orderId).json["status"] as? String
            XCTAssertEqual(status1, "IN_PROGRESS", "\(mode): the replay did not confirm")
            let log = await h.log(orderId: orderId)
            XCTAssertEqual(log["executedConfirms"] as? Int, 0)
            let entries = log["confirms"] as? [[String: Any]] ?? []
            XCTAssertEqual(entries.map { $0["replayed"] as? Bool }, [false, true])
            XCTAssertEqual(entries.map { $0["code"] as? String }, [code, code])
            // A new key is a new request and is executed.
            let fresh = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "k2-\(mode)")
            XCTAssertEqual(fresh.status, 200, "\(mode): \(fresh.text)")
        }
    }

    func testInjectedCancelErrorIsReplayedToo() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .providerError, count: 1, operations: [.cancel]))
        let first = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest"],
                                 headers: [("Idempotency-Key", "cancel-1")])
        XCTAssertEqual(first.code, "PROVIDER_ERROR")
        let replay = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest"],
                                  headers: [("Idempotency-Key", "cancel-1")])
        XCTAssertEqual(replay.code, "PROVIDER_ERROR")
        let status = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(status, "DONE")
        let fresh = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "guest"],
                                 headers: [("Idempotency-Key", "cancel-2")])
        XCTAssertEqual(fresh.json["status"] as? String, "CANCELED")
    }

    func testWithoutAKeyAnInjectedErrorIsNotRemembered() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .http500, count: 1, operations: [.confirm]))
        let value1 = await h.confirm(paymentKey: key, orderId: orderId).status
        XCTAssertEqual(value1, 500)
        let value2 = await h.confirm(paymentKey: key, orderId: orderId).status
        XCTAssertEqual(value2, 200)
    }

    func testATimeoutIsNotStoredSoTheSameKeyIsExecutedLater() async {
        let h = SandboxHarness(configuration: SandboxConfiguration(hangSeconds: 0.01))
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .timeout, count: 1, operations: [.confirm]))
        let lost = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "t-1")
        XCTAssertTrue(lost.response.isDropConnection)
        let retry = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "t-1")
        XCTAssertEqual(retry.status, 200, retry.text)
    }
}
