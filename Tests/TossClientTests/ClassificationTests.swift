import Foundation
import TossClient
import XCTest

/// The table of answers and what they mean: only definite refusals may fail a booking.
final class ClassificationTests: XCTestCase {
    private func classify(_ status: Int, _ body: String) -> TossResult {
        TossResponseClassifier.classify(status: status, body: Data(body.utf8))
    }

    private func isUnknown(_ result: TossResult) -> Bool {
        if case .unknownOutcome = result { return true }
        return false
    }

    func testDefiniteRefusals() {
        for (status, code) in [(403, "REJECT_CARD_COMPANY"), (400, "INVALID_REQUEST"), (404, "NOT_FOUND_PAYMENT_SESSION"),
                               (403, "REJECT_CARD_PAYMENT"), (400, "INVALID_API_KEY"), (401, "UNAUTHORIZED_KEY")] {
            XCTAssertEqual(classify(status, #"{"code":"\#(code)","message":"m"}"#),
                           .refused(code: code, message: "m", httpStatus: status))
        }
    }

    func testAlreadyProcessedIsItsOwnCase() {
        XCTAssertEqual(classify(400, #"{"code":"ALREADY_PROCESSED_PAYMENT","message":"이미 처리된 결제 입니다."}"#),
                       .alreadyProcessed(message: "이미 처리된 결제 입니다."))
    }

    func testTroubleIsUnknownOutcome() {
        XCTAssertTrue(isUnknown(classify(400, #"{"code":"PROVIDER_ERROR","message":"retry"}"#)))
        XCTAssertTrue(isUnknown(classify(500, #"{"code":"FAILED_INTERNAL_SYSTEM_PROCESSING","message":"x"}"#)))
        XCTAssertTrue(isUnknown(classify(502, "<html>Bad Gateway</html>")))
        XCTAssertTrue(isUnknown(classify(200, "not json")))
        XCTAssertTrue(isUnknown(classify(200, #"{"code":"X"}"#)), "200 without a Payment")
        XCTAssertTrue(isUnknown(classify(400, "")), "4xx without a code")
    }

    func testUnknownStatusIsKeptNotDropped() {
        let body = #"{"paymentKey":"pk","orderId":"order_1","status":"SOMETHING_NEW","totalAmount":100}"#
        XCTAssertEqual(classify(200, body).payment?.status, .other("SOMETHING_NEW"))
    }
}
