import XCTest
import JSON

final class JSONParserTests: XCTestCase {
    func testParsesNestedValuesWithPositions() throws {
        let node = try JSONParser.parse("{\n  \"name\": \"맛있는 집밥\",\n  \"seats\": [2, 4]\n}")
        guard case .object(let members) = node.value else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["name", "seats"])
        XCTAssertEqual(members[0].node.value, .string("맛있는 집밥"))
        XCTAssertEqual(members[1].node.line, 3)
        XCTAssertEqual(members[1].node.column, 12)
    }

    func testSyntaxErrorsSayLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("{\n  \"a\": 1,\n}", 3, 1, "trailing comma"),
            ("{\"a\": 1 \"b\": 2}", 1, 9, "',' or '}'"),
            ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key 'a'"),
            ("{\"name\": \"집밥\n\"}", 1, 13, "line break inside text"),
            ("[1, 2", 1, 6, "']' is missing"),
            ("{\"a\": tru}", 1, 7, "did you mean true"),
            ("{\"a\": 01}", 1, 8, "must not start with 0"),
            ("{\"a\": 1} x", 1, 10, "after the end"),
            ("{'a': 1}", 1, 2, "a key in double quotes"),
        ]
        for (text, line, column, fragment) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                let syntax = error as! JSONParser.SyntaxError
                XCTAssertEqual(syntax.line, line, "line for \(text): \(syntax)")
                XCTAssertEqual(syntax.column, column, "column for \(text): \(syntax)")
                XCTAssertTrue(syntax.message.contains(fragment), "\(syntax.message) should mention \(fragment)")
            }
        }
    }

    func testEscapesAndSurrogatePairs() throws {
        let node = try JSONParser.parse(#""a\"b\\c\n\u00e9\ud83c\udf63""#)
        XCTAssertEqual(node.value, .string("a\"b\\c\né🍣"))
        XCTAssertThrowsError(try JSONParser.parse(#""\ud83c""#))
    }

    func testDeepNestingIsRefusedInsteadOfCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nested more than"))
        }
    }

    func testInvalidUTF8IsRefused() {
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xFF, 0x22]))
    }
}
