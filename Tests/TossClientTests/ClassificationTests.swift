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

/// Answers real Toss gives that the documented tables leave out.
final class RealTossAnswerTests: XCTestCase {
    func testPlainNotFoundOnALookupMeansNoSuchPayment() {
        let body = Data(#"{"code":"NOT_FOUND","message":"존재하지 않는 정보 입니다."}"#.utf8)
        XCTAssertEqual(TossResponseClassifier.classify(status: 404, body: body, lookup: true),
                       .refused(code: "NOT_FOUND_PAYMENT", message: "존재하지 않는 정보 입니다.", httpStatus: 404))
        // On confirm or cancel the code is kept as it came.
        XCTAssertEqual(TossResponseClassifier.classify(status: 404, body: body),
                       .refused(code: "NOT_FOUND", message: "존재하지 않는 정보 입니다.", httpStatus: 404))
        // A 404 that is not Toss's (wrong base URL, a proxy page) is not "no such payment".
        guard case .unknownOutcome = TossResponseClassifier.classify(status: 404, body: Data("<html>404</html>".utf8), lookup: true)
        else { return XCTFail("an HTML 404 must stay unknown") }
    }

    func testAlreadyCanceledIsADefiniteAnswer() {
        let body = Data(#"{"code":"ALREADY_CANCELED_PAYMENT","message":"이미 취소된 결제 입니다."}"#.utf8)
        XCTAssertEqual(TossResponseClassifier.classify(status: 400, body: body),
                       .refused(code: "ALREADY_CANCELED_PAYMENT", message: "이미 취소된 결제 입니다.", httpStatus: 400))
    }

    /// A Payment object as small as Toss may send it (no metadata, card, receipt, cancels, orderName,
    /// balanceAmount, ...), and one with the fields real payloads carry (metadata null,
    /// card.interestPayer, card.useCardPoint, easyPay, virtualAccount): both read.
    func testPaymentsWithAndWithoutOptionalFieldsRead() throws {
        let minimal = #"{"paymentKey":"pk_1","orderId":"order_1","status":"DONE","totalAmount":20000}"#
        let payment = try XCTUnwrap(TossResponseClassifier.classify(status: 200, body: Data(minimal.utf8)).payment)
        XCTAssertEqual(payment.balanceAmount, 20_000)
        XCTAssertEqual(payment.orderName, "")
        XCTAssertNil(payment.method)
        XCTAssertEqual(payment.cancels, [])
        let full = #"""
        {"mId":"tvivarepublica","version":"2022-11-16","paymentKey":"pk_2","orderId":"order_2","orderName":"예약금",
         "status":"WAITING_FOR_DEPOSIT","method":"가상계좌","totalAmount":20000,"balanceAmount":20000,"metadata":null,
         "approvedAt":null,"requestedAt":"2026-01-02T14:46:59+09:00","receipt":null,"cancels":null,"failure":null,
         "card":{"amount":20000,"interestPayer":null,"useCardPoint":false,"isInterestFree":false},
         "virtualAccount":{"accountNumber":"X1234","bankCode":"20","dueDate":"2026-01-09T14:46:59+09:00","refundStatus":"NONE"},
         "easyPay":null,"secret":"ps_abc","checkout":{"url":"https://x"}}
        """#
        let second = try XCTUnwrap(TossResponseClassifier.classify(status: 200, body: Data(full.utf8)).payment)
        XCTAssertEqual(second.status, .waitingForDeposit)
        XCTAssertEqual(second.method, "가상계좌")
        XCTAssertNil(second.approvedAt)
    }
}
