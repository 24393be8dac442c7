import TestSupport
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
            (#""phone":"010-1234-5678""#, #""phone":"12345""#, "phone"),
            (#""phone":"010-1234-5678""#, #""phone":"010-1234-567a""#, "phone"),
            (#""customerKey":"guest_AbC-123.xyz=""#, #""customerKey":"a""#, "customerKey"),
            (#""customerKey":"guest_AbC-123.xyz=""#, #""customerKey":"guest key!""#, "customerKey"),
            (#""slotId":"jipbap.window2.20261224.1800""#, #""slotId":"../../etc""#, "slotId"),
            (#""comment":"창가 자리 부탁드려요""#, "\"comment\":\"\(String(repeating: "x", count: 501))\"", "comment"),
            (#""comment":"창가 자리 부탁드려요""#, #""comment":"x","amount":100"#, "amount"),
            // One character each, far beyond the byte limits.
            (#""name":" 김예약 ""#, "\"name\":\"a\(String(repeating: "\u{301}", count: 5_000))\"", "name"),
            (#""comment":"창가 자리 부탁드려요""#, "\"comment\":\"a\(String(repeating: "\u{301}", count: 5_000))\"", "comment"),
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
        XCTAssertThrowsError(try ReservationInput.parse(json: Array(#"{"slotId":"a.b.c","partySize":1,"customerKey":"guest_1234","name":"a\u0000b","phone":"010-1234-5678"}"#.utf8)))
    }

    /// The same table the page's script is tested against, so page and service cannot drift.
    func testPhoneNumbersFollowThePagesRuleTable() throws {
        let url = SharedFolder.projectRoot.appendingPathComponent("Tests/SiteBuilderTests/js/phone-cases.json")
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let accepted = try XCTUnwrap(cases["accepted"] as? [String: String])
        let refused = try XCTUnwrap(cases["refused"] as? [String])
        XCTAssertGreaterThan(accepted.count, 5)
        for (text, digits) in accepted { XCTAssertEqual(PhoneNumber(text)?.digits, digits, text) }
        for text in refused { XCTAssertNil(PhoneNumber(text), text) }
        XCTAssertEqual(PhoneNumber("01012345678")?.description, "010-1234-5678")
        XCTAssertEqual(PhoneNumber("0212345678")?.description, "02-1234-5678")
    }
}
