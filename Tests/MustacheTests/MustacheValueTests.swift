import Foundation
import Mustache
import XCTest

/// `yeyak render --data FILE.json` feeds JSONSerialization output straight in.
final class MustacheValueTests: XCTestCase {
    private func value(fromJSON json: String) throws -> MustacheValue {
        MustacheValue(jsonObject: try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
    }

    func testJSONKeepsBooleansNumbersAndNesting() throws {
        let value = try value(fromJSON: #"{"open": true, "closed": false, "seats": 4, "rate": 1.5, "whole": 2.0, "name": "집밥", "none": null, "tags": ["a", 1]}"#)
        XCTAssertEqual(value["open"], .bool(true))
        XCTAssertEqual(value["closed"], .bool(false))
        XCTAssertEqual(value["seats"], .int(4))
        XCTAssertEqual(value["rate"], .double(1.5))
        XCTAssertEqual(value["whole"], .double(2.0))
        XCTAssertEqual(value["name"], .string("집밥"))
        XCTAssertEqual(value["none"], .null)
        XCTAssertEqual(value["tags"], ["a", 1])
    }

    func testNativeSwiftValuesConvertToo() {
        let value = MustacheValue(jsonObject: ["flag": true, "count": 0, "price": 2.5, "items": [1, 2]] as [String: Any])
        XCTAssertEqual(value, ["flag": true, "count": 0, "price": 2.5, "items": [1, 2]])
    }

    func testNumbersRenderAsWritten() throws {
        let data = try value(fromJSON: #"{"mph": 85, "power": 1.21, "big": 12345678901234, "yes": true}"#)
        XCTAssertEqual(try Template("{{mph}} {{power}} {{big}} {{yes}}").render(data), "85 1.21 12345678901234 true")
    }

    /// Empty strings and zero hide a section (like mustache.js), so optional fields need no flag.
    func testTruthiness() throws {
        let template = try Template("{{#x}}shown{{/x}}{{^x}}hidden{{/x}}")
        let cases: [(MustacheValue, String)] = [
            (.null, "hidden"), (false, "hidden"), (true, "shown"), ("", "hidden"), ("a", "shown"),
            (0, "hidden"), (3, "shown"), ([], "hidden"), ([1], "shown"), ([:], "shown"),
        ]
        for (x, expected) in cases {
            XCTAssertEqual(try template.render(["x": x]), expected, "x = \(x)")
        }
    }

    func testSectionOverObjectPushesItAndStillSeesOuterNames() throws {
        let data: MustacheValue = ["site": "Yeyak", "restaurant": ["name": "집밥"]]
        XCTAssertEqual(try Template("{{#restaurant}}{{name}} @ {{site}}{{/restaurant}}").render(data), "집밥 @ Yeyak")
    }
}
