import JSON
import XCTest

/// Typed field access keeps the rules JSONDecoder applied to Toss's and the sandbox's bodies.
final class JSONNodeFieldsTests: XCTestCase {
    private func node(_ text: String) throws -> JSONNode { try JSONParser.parse(text) }

    func testWholeNumbersMayBeWrittenAsDecimalsButNotAsFractionsOrText() throws {
        let json = try node(#"{"a": 100, "b": 100.0, "c": 1e2, "d": 1.5, "e": "100", "f": 9223372036854775807, "g": 1e20, "h": -0}"#)
        XCTAssertEqual(json["a"]?.intValue, 100)
        XCTAssertEqual(json["b"]?.intValue, 100)
        XCTAssertEqual(json["c"]?.intValue, 100)
        XCTAssertNil(json["d"]?.intValue)
        XCTAssertNil(json["e"]?.intValue)
        XCTAssertEqual(json["f"]?.intValue, Int.max)
        XCTAssertNil(json["g"]?.intValue, "out of range")
        XCTAssertEqual(json["h"]?.intValue, 0)
        XCTAssertEqual(json["d"]?.doubleValue, 1.5)
        XCTAssertNil(try node("[1e400]").arrayValue?.first?.doubleValue, "not finite")
    }

    func testRequiredAndOptionalFields() throws {
        let json = try node(#"{"name": "집밥", "none": null, "seats": "4", "extra": true}"#)
        XCTAssertEqual(try json.required("name", \.stringValue), "집밥")
        XCTAssertNil(try json.optional("none", \.stringValue), "null is absent")
        XCTAssertNil(try json.optional("missing", \.intValue))
        XCTAssertThrowsError(try json.required("none", \.stringValue)) { error in
            XCTAssertEqual(error as? JSONFieldError, JSONFieldError(key: "none", problem: .missing))
        }
        XCTAssertThrowsError(try json.optional("seats", \.intValue)) { error in
            XCTAssertEqual(error as? JSONFieldError, JSONFieldError(key: "seats", problem: .wrongType("text")))
        }
        XCTAssertThrowsError(try node("[]").optional("name", \.stringValue), "a list has no fields")
    }

    func testArraysAreReadWholeOrNotAtAll() throws {
        XCTAssertEqual(try node("[1, 2, 3]").array(of: \.intValue), [1, 2, 3])
        XCTAssertNil(try node(#"[1, "2"]"#).array(of: \.intValue))
        XCTAssertNil(try node("{}").array(of: \.intValue))
    }
}
