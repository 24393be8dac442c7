import Foundation
import TossSandbox
import XCTest

/// Fault injection and the lookup that reconciliation relies on.
final class FaultTests: XCTestCase {
    func testApplyThenDropLeavesThePaymentDoneForLookup() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let set = await h.send("POST", "/__sandbox/faults",
                               json: ["mode": "applyThenDrop", "count": 1, "operations": ["confirm"]], secret: nil)
        XCTAssertEqual(set.status, 200, set.text)
        let reply = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "drop-1")
        XCTAssertTrue(reply.response.isDropConnection)
        let value21 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value21, "DONE")
        let value22 = await h.send("GET", "/v1/payments/\(key)").json["status"] as? String
        XCTAssertEqual(value22, "DONE")
        // The caller's retry with the same key hears the success it missed.
        let retry = await h.confirm(paymentKey: key, orderId: orderId, idempotencyKey: "drop-1")
        XCTAssertEqual(retry.status, 200)
        XCTAssertEqual(retry.json["status"] as? String, "DONE")
        let value23 = await h.log(orderId: orderId)["appliedConfirms"] as? Int
        XCTAssertEqual(value23, 1)
    }

    func testHTTP500AndProviderErrorApplyNothingAndRespectCount() async {
        let h = SandboxHarness()
        for (mode, status, code) in [("http500", 500, "FAILED_INTERNAL_SYSTEM_PROCESSING"), ("providerError", 400, "PROVIDER_ERROR")] {
            let orderId = SandboxHarness.newOrderId()
            let key = await h.approvedPayment(orderId: orderId)
            h.sandbox.setFaults(FaultPlan(mode: FaultPlan.Mode(rawValue: mode)!, count: 1, operations: [.confirm]))
            let failed = await h.confirm(paymentKey: key, orderId: orderId)
            XCTAssertEqual(failed.status, status)
            XCTAssertEqual(failed.code, code)
            let value24 = await h.lookup(orderId: orderId).json["status"] as? String
            XCTAssertEqual(value24, "IN_PROGRESS")
            let value25 = await h.confirm(paymentKey: key, orderId: orderId).status
            XCTAssertEqual(value25, 200, "count 1 is used up")
        }
    }

    func testTimeoutNeverAnswersAndAppliesNothing() async {
        let h = SandboxHarness(configuration: SandboxConfiguration(hangSeconds: 0.01))
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        h.sandbox.setFaults(FaultPlan(mode: .timeout, operations: [.confirm]))
        let value26 = await h.confirm(paymentKey: key, orderId: orderId).response.isDropConnection
        XCTAssertTrue(value26)
        let value27 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value27, "IN_PROGRESS", "lookups are unaffected")
        h.sandbox.setFaults(FaultPlan(mode: .applyThenTimeout, operations: [.confirm]))
        let value28 = await h.confirm(paymentKey: key, orderId: orderId).response.isDropConnection
        XCTAssertTrue(value28)
        let value29 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value29, "DONE")
    }

    func testTimeoutHangEndsWhenTheCallerGivesUp() async {
        let h = SandboxHarness(configuration: SandboxConfiguration(hangSeconds: 600))
        h.sandbox.setFaults(FaultPlan(mode: .timeout, operations: [.lookup]))
        let call = Task { await h.lookup(orderId: "order_123456") }
        try? await Task.sleep(for: .milliseconds(20))
        call.cancel()
        let reply = await call.value  // would block for 10 minutes if the hang ignored cancellation
        XCTAssertTrue(reply.response.isDropConnection)
    }

    func testProbabilityZeroNeverFiresAndFaultsCanBeRead() async {
        let h = SandboxHarness()
        _ = await h.send("POST", "/__sandbox/faults", json: ["mode": "http500", "probability": 0.0], secret: nil)
        let orderId = SandboxHarness.newOrderId()
        _ = await h.donePayment(orderId: orderId)
        let faults = await h.send("GET", "/__sandbox/faults", secret: nil).json
        XCTAssertEqual(faults["mode"] as? String, "http500")
        XCTAssertEqual(faults["operations"] as? [String], ["cancel", "confirm", "lookup"])
        let bad = await h.send("POST", "/__sandbox/faults", json: ["mode": "explode"], secret: nil)
        XCTAssertEqual(bad.status, 400)
    }

    func testLookupByOrderIdShowsTheTruthAcrossAttempts() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let declined = await h.openSession(orderId: orderId)
        let decline = await h.send("POST", "/__sandbox/sessions/\(declined)/decline", secret: nil)
        XCTAssertNotNil((decline.json["redirectUrl"] as? String)?.range(of: "code=REJECT_CARD_COMPANY"))
        let aborted = await h.lookup(orderId: orderId).json
        XCTAssertEqual(aborted["status"] as? String, "ABORTED")
        XCTAssertEqual((aborted["failure"] as? [String: Any])?["code"] as? String, "REJECT_CARD_COMPANY")
        let key = await h.donePayment(orderId: orderId)
        _ = await h.openSession(orderId: SandboxHarness.newOrderId())
        let truth = await h.lookup(orderId: orderId).json
        XCTAssertEqual(truth["status"] as? String, "DONE")
        XCTAssertEqual(truth["paymentKey"] as? String, key)
        let unknown = await h.lookup(orderId: "order_neverSeen")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.code, "NOT_FOUND_PAYMENT")
        let listed = await h.send("GET", "/__sandbox/payments", secret: nil).json["payments"] as? [[String: Any]] ?? []
        XCTAssertEqual(listed.filter { $0["orderId"] as? String == orderId }.map { $0["status"] as? String },
                       ["ABORTED", "DONE"])
    }
}
