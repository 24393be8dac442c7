import XCTest
@testable import BookingService

final class ReservationInputTests: XCTestCase {
    let valid = #"{"slotId":"jipbap.window2.20261224.1800","partySize":2,"customerKey":"guest_AbC-123.xyz=","name":" 김예약 ","phone":"010-1234-5678","comment":"창가 자리 부탁드려요"}"#

    func parse(_ text: String) -> Result<ReservationInput, APIError> {
        do { return .success(try ReservationInput.parse(json: Array(text.utf8))) } catch { return .failure(error) }
    }

    func testValidInputIsNormalised() throws {
        let input = try parse(valid).get()
        XCTAssertEqual(input.name, "김예약")
        XCTAssertEqual(input.phone.digits, "01012345678")
        XCTAssertEqual(input.partySize, 2)
    }

    func testEachBadFieldIsNamedWithAKoreanMessage() {
        let cases: [(String, String, String?)] = [
            (#""partySize":2"#, #""partySize":0"#, "partySize"),
            (#""partySize":2"#, #""partySize":"2""#, "partySize"),
            (#""partySize":2"#, #""partySize":2.5"#, "partySize"),
            (#""partySize":2"#, #""partySize":-1"#, "partySize"),
            (#""name":" 김예약 ""#, #""name":"   ""#, "name"),
            (#""name":" 김예약 ""#, "\"name\":\"\(String(repeating: "가", count: 51))\"", "name"),
            (#""name":" 김예약 ""#, #""name":"a\u0000b""#, "name"),
            (#""phone":"010-1234-5678""#, #""phone":"12345""#, "phone"),
            (#""phone":"010-1234-5678""#, #""phone":"010-1234-567a""#, "phone"),
            (#""customerKey":"guest_AbC-123.xyz=""#, #""customerKey":"a""#, "customerKey"),
            (#""customerKey":"guest_AbC-123.xyz=""#, #""customerKey":"guest key!""#, "customerKey"),
            (#""slotId":"jipbap.window2.20261224.1800""#, #""slotId":"../../etc""#, "slotId"),
            (#""comment":"창가 자리 부탁드려요""#, "\"comment\":\"\(String(repeating: "x", count: 501))\"", "comment"),
            (#""comment":"창가 자리 부탁드려요""#, #""comment":"x","amount":100"#, "amount"),
        ]
        for (from, to, field) in cases {
            let text = valid.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(text, valid, "case did not apply: \(to)")
            guard case .failure(let error) = parse(text) else { XCTFail("accepted \(to)"); continue }
            XCTAssertEqual(error.field, field, "for \(to): \(error)")
            XCTAssertEqual(error.status, 422)
            XCTAssertTrue(error.message.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "Korean message: \(error.message)")
        }
    }

    func testMissingFieldsAndMalformedBodies() {
        guard case .failure(let missing) = parse(#"{"slotId":"a.b.c","partySize":2}"#) else { return XCTFail() }
        XCTAssertEqual(missing.field, "customerKey")
        guard case .failure(let malformed) = parse(#"{"slotId": }"#) else { return XCTFail() }
        XCTAssertEqual(malformed.status, 400)
        XCTAssertNil(malformed.field)
        guard case .failure(let notObject) = parse("[1]") else { return XCTFail() }
        XCTAssertEqual(notObject.status, 400)
    }

    func testFormBodiesUseTheSameRules() throws {
        let pairs: [(name: String, value: String)] = [("slotId", "jipbap.window2.20261224.1800"), ("partySize", "3"),
                     ("customerKey", "guest_1234"), ("name", "박손님"), ("phone", "02-123-4567")]
        let input = try ReservationInput.parse(form: pairs)
        XCTAssertEqual(input.partySize, 3)
        XCTAssertEqual(input.phone.digits, "021234567")
        XCTAssertThrowsError(try ReservationInput.parse(form: pairs + [("partySize", "4")]))
        XCTAssertThrowsError(try ReservationInput.parse(form: pairs.map { $0.name == "partySize" ? ($0.name, "+3") : $0 }))
    }

    func testKoreanPhoneNumbers() {
        for good in ["010-1234-5678", "01012345678", "011-123-4567", "02-123-4567", "02-1234-5678", "031-123-4567",
                     "064-1234-5678", "070-1234-5678", "1588-1234", "010 1234 5678"] {
            XCTAssertNotNil(PhoneNumber(good), good)
        }
        for bad in ["010-1234-567", "012-1234-5678", "02-12-3456", "0101234567890", "+82-10-1234-5678", "",
                    "080-123-4567", "1234-5678", "010-1234-5678-9", "０１０１２３４５６７８"] {
            XCTAssertNil(PhoneNumber(bad), bad)
        }
        XCTAssertEqual(PhoneNumber("01012345678")?.description, "010-1234-5678")
        XCTAssertEqual(PhoneNumber("0212345678")?.description, "02-1234-5678")
        XCTAssertEqual(PhoneNumber("15881234")?.description, "1588-1234")
    }
}
