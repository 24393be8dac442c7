import Foundation
import JSON
import XCTest

final class JSONValueTests: XCTestCase {
    func testWritesCompactTextWithKeysInTheGivenOrder() {
        let value: JSONValue = [
            "status": "DONE", "totalAmount": 20_000, "useEscrow": false, "failure": nil,
            "receipt": ["url": .string("http://127.0.0.1/receipts/pk")], "cancels": [1, "two", true],
        ]
        XCTAssertEqual(value.text, #"{"status":"DONE","totalAmount":20000,"useEscrow":false,"failure":null,"receipt":{"url":"http://127.0.0.1/receipts/pk"},"cancels":[1,"two",true]}"#)
    }

    func testEscapesWhatJSONRequiresAndKeepsKorean() throws {
        let hostile = "예약 \"손님\" \\ back\nline\r\t\u{01}\u{1F} </script> 20,000원"
        let text = JSONValue.object([("name", .string(hostile))]).text
        XCTAssertEqual(text, #"{"name":"예약 \"손님\" \\ back\nline\r\t\u0001\u001f \u003c/script\u003e 20,000원"}"#)
        // Any JSON reader gets the exact string back.
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        XCTAssertEqual(decoded?["name"], hostile)
    }

    func testEveryControlCharacterRoundTrips() throws {
        let all = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}끝"
        let text = JSONValue.array([.string(all)]).text
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        XCTAssertEqual(decoded, [all])
    }

    func testOptionalsBecomeNullAndObjectsCanBeAmended() {
        var value: JSONValue = ["orderId": "o-1", "method": .orNull(nil as String?)]
        value.set("method", .orNull("카드"))
        value.set("balanceAmount", .orNull(nil as Int?))
        XCTAssertEqual(value.text, #"{"orderId":"o-1","method":"카드","balanceAmount":null}"#)
        XCTAssertEqual(JSONValue.int(-5).text, "-5")
        XCTAssertEqual(JSONValue.array([0.25, .double(.infinity)]).text, "[0.25,null]")
        XCTAssertEqual(JSONValue.array([]).text, "[]")
        XCTAssertEqual(JSONValue.object([]).text, "{}")
    }
}
