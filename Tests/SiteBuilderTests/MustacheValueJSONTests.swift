import JSON
import Mustache
import SiteBuilder
import XCTest

/// `yeyak render --data FILE.json` feeds the JSON reader's output in (were in
/// Tests/MustacheTests/MustacheValueTests.swift, over JSONSerialization).
final class MustacheValueJSONTests: XCTestCase {
    private func value(fromJSON json: String) throws -> MustacheValue {
        MustacheValue(json: try JSONParser.parse(json))
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

    func testNumbersRenderAsWritten() throws {
        let data = try value(fromJSON: #"{"mph": 85, "power": 1.21, "big": 12345678901234, "yes": true}"#)
        XCTAssertEqual(try Template("{{mph}} {{power}} {{big}} {{yes}}").render(data), "85 1.21 12345678901234 true")
    }
}
