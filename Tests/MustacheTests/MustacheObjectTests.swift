import Mustache
import XCTest

/// `MustacheObject` keeps a dictionary's meaning without its hashing (see its doc comment).
final class MustacheObjectTests: XCTestCase {
    func testLaterKeyWinsAsInADictionaryLiteral() throws {
        let object: MustacheObject = ["name": "first", "seats": 2, "name": "second"]
        XCTAssertEqual(object["name"], "second")
        XCTAssertEqual(try Template("{{name}} {{seats}}").render(.object(object)), "second 2")
    }

    func testSettingReplacesAddsAndRemoves() {
        var object: MustacheObject = ["a": 1, "b": 2]
        object["a"] = 10
        object["c"] = 3
        object["b"] = nil
        XCTAssertEqual(object, ["a": 10, "c": 3])
        XCTAssertNil(object["b"])
        object.merge(["c": 30, "d": 4])
        XCTAssertEqual(object, ["d": 4, "a": 10, "c": 30])
    }

    /// Keys of the same length are told apart by their text, a longer key by its length.
    func testLookupComparesWholeKeys() {
        let object: MustacheObject = ["ab": 1, "ba": 2, "abc": 3, "fullRefundHoursBefore": 24]
        XCTAssertEqual(object["ba"], 2)
        XCTAssertEqual(object["abc"], 3)
        XCTAssertEqual(object["fullRefundHoursBefore"], 24)
        XCTAssertNil(object["a"])
        XCTAssertNil(object["fullRefundHoursAfter"])
    }

    func testEqualityIgnoresOrderAndRepeatedKeys() {
        XCTAssertEqual(MustacheObject(["x": 1, "y": 2]), ["y": 2, "x": 1])
        XCTAssertEqual(["x": 0, "x": 1] as MustacheObject, ["x": 1])
        XCTAssertNotEqual(["x": 1] as MustacheObject, ["x": 1, "y": 2])
        XCTAssertNotEqual(["x": 1] as MustacheObject, ["x": 2])
    }

    /// Callers that build a `[String: MustacheValue]` (service pages, notification texts) get the
    /// same object as from a literal.
    func testObjectFromADictionaryRendersAsFromALiteral() throws {
        let members: [String: MustacheValue] = ["title": "예약 확인", "count": 3]
        let template = try Template("{{title}} {{count}}")
        XCTAssertEqual(MustacheValue.object(members), .object(["count": 3, "title": "예약 확인"]))
        XCTAssertEqual(try template.render(.object(members)), "예약 확인 3")
    }

    func testIteratesEachKeyOnceWithItsLastValue() {
        let object: MustacheObject = ["a": 1, "b": 2, "a": 3]
        XCTAssertEqual(object.map { $0.0 }, ["b", "a"])
        XCTAssertEqual(object.map { $0.1 }, [2, 3])
    }
}
