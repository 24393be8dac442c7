import Mustache
import XCTest

/// Template values (JSON data becomes values in SiteBuilder: Tests/SiteBuilderTests/MustacheValueJSONTests.swift).
final class MustacheValueTests: XCTestCase {
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
