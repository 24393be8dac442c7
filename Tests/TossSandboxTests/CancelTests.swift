import Foundation
import TossSandbox
import XCTest

/// `POST /v1/payments/{paymentKey}/cancel`: partial and full refunds.
final class CancelTests: XCTestCase {
    func testPartialThenFullCancel() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.donePayment(orderId: orderId, amount: 20_000)

        let partial = await h.send("POST", "/v1/payments/\(key)/cancel",
                                   json: ["cancelReason": "노쇼 위약금 공제", "cancelAmount": 5_000])
        XCTAssertEqual(partial.status, 200, partial.text)
        XCTAssertEqual(partial.json["status"] as? String, "PARTIAL_CANCELED")
        XCTAssertEqual(partial.json["balanceAmount"] as? Int, 15_000)
        XCTAssertEqual(partial.json["totalAmount"] as? Int, 20_000)
        let cancels = partial.json["cancels"] as? [[String: Any]] ?? []
        XCTAssertEqual(cancels.count, 1)
        XCTAssertEqual(cancels.first?["cancelAmount"] as? Int, 5_000)
        XCTAssertEqual(cancels.first?["cancelReason"] as? String, "노쇼 위약금 공제")
        XCTAssertNotNil((cancels.first?["canceledAt"] as? String)?.range(of: "+09:00"))
        XCTAssertFalse((cancels.first?["transactionKey"] as? String ?? "").isEmpty)

        let tooMuch = await h.send("POST", "/v1/payments/\(key)/cancel",
                                   json: ["cancelReason": "x", "cancelAmount": 15_001])
        XCTAssertEqual(tooMuch.status, 403)
        XCTAssertEqual(tooMuch.code, "NOT_CANCELABLE_AMOUNT")

        let full = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "예약 취소"])
        XCTAssertEqual(full.json["status"] as? String, "CANCELED")
        XCTAssertEqual(full.json["balanceAmount"] as? Int, 0)
        let all = full.json["cancels"] as? [[String: Any]] ?? []
        XCTAssertEqual(all.map { $0["cancelAmount"] as? Int }, [5_000, 15_000])
        XCTAssertNotEqual(all[0]["transactionKey"] as? String, all[1]["transactionKey"] as? String)

        let again = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "again"])
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(again.code, "ALREADY_CANCELED_PAYMENT", "what integrators see from Toss")
        let value9 = await h.lookup(orderId: orderId).json["status"] as? String
        XCTAssertEqual(value9, "CANCELED")
    }

    func testCancelReasonIsRequiredAndAtMost200Characters() async {
        let h = SandboxHarness()
        let key = await h.donePayment(orderId: SandboxHarness.newOrderId())
        for body: [String: Any] in [[:], ["cancelReason": ""], ["cancelReason": String(repeating: "가", count: 201)],
                                    ["cancelReason": "ok", "cancelAmount": 0]] {
            let reply = await h.send("POST", "/v1/payments/\(key)/cancel", json: body)
            XCTAssertEqual(reply.status, 400, "\(body)")
            XCTAssertEqual(reply.code, "INVALID_REQUEST")
        }
        let ok = await h.send("POST", "/v1/payments/\(key)/cancel",
                              json: ["cancelReason": String(repeating: "가", count: 200)])
        XCTAssertEqual(ok.status, 200)
    }

    func testOnlyApprovedPaymentsCanBeCancelled() async {
        let h = SandboxHarness()
        let orderId = SandboxHarness.newOrderId()
        let key = await h.approvedPayment(orderId: orderId)
        let early = await h.send("POST", "/v1/payments/\(key)/cancel", json: ["cancelReason": "x"])
        XCTAssertEqual(early.status, 403)
        XCTAssertEqual(early.code, "NOT_CANCELABLE_PAYMENT")
        let unknown = await h.send("POST", "/v1/payments/nope/cancel", json: ["cancelReason": "x"])
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.code, "NOT_FOUND_PAYMENT")
    }
}
