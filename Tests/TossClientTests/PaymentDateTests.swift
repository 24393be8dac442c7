import Foundation
import TossClient
import XCTest

/// The parse itself is tested with `ISO8601Timestamp` (Tests/CivilTimeTests); here that a
/// Payment's `approvedAt` is read with it.
final class PaymentDateTests: XCTestCase {
    func testApprovedAtIsReadExactly() {
        let body = #"{"paymentKey":"pk","orderId":"o","status":"DONE","totalAmount":100,"approvedAt":"2026-12-24T18:00:00.250+09:00"}"#
        let payment = TossResponseClassifier.classify(status: 200, body: Data(body.utf8)).payment
        XCTAssertEqual(payment?.approvedDate?.timeIntervalSince1970 ?? 0, 1_798_102_800.25, accuracy: 0.0001)
        XCTAssertNil(TossResponseClassifier.classify(status: 200, body: Data(#"{"paymentKey":"pk","orderId":"o","status":"DONE","totalAmount":100,"approvedAt":"2026-12-24 18:00:00+09:00"}"#.utf8)).payment?.approvedDate)
    }
}
