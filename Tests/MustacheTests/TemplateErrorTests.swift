import Foundation
import Mustache
import XCTest

/// A template author must be able to go straight to the broken tag: file, line, column.
final class TemplateErrorTests: XCTestCase {
    private func parseError(_ source: String, name: String = "restaurant.mustache") -> MustacheError? {
        do {
            _ = try Template(source, name: name)
            return nil
        } catch let error as MustacheError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)")
            return nil
        }
    }

    func testUnclosedSectionNamesTheOpeningTag() {
        let source = "<ul>\n  <li>\n    {{#slots}}{{time}}\n  </li>\n</ul>\n"
        XCTAssertEqual(parseError(source)?.description, "restaurant.mustache:3:5: unclosed section 'slots'")
    }

    func testMismatchedCloseTagPointsAtTheCloseTagAndTheOpenOne() {
        let source = "{{#tables}}\n  {{#slots}}\n  {{/tables}}\n{{/slots}}"
        let error = parseError(source)
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 3)
        XCTAssertEqual(error?.description,
            "restaurant.mustache:3:3: closing tag 'tables' does not match the open section 'slots' (opened at 2:3)")
    }

    func testCloseTagWithoutOpenSection() {
        XCTAssertEqual(parseError("a\nb {{/slots}}")?.description,
                       "restaurant.mustache:2:3: closing tag 'slots' without an open section")
    }

    func testUnclosedTag() {
        XCTAssertEqual(parseError("Hello {{name")?.description,
                       "restaurant.mustache:1:7: unclosed tag: '{{' without a matching '}}'")
    }

    func testBadDelimiterTag() {
        let error = parseError("x\n  {{=<%=}}")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 3)
        XCTAssertTrue(error?.reason.hasPrefix("bad delimiter tag") ?? false, "\(String(describing: error))")
    }

    func testUnclosedTagAfterDelimiterChangeUsesTheNewDelimiters() {
        XCTAssertEqual(parseError("{{=<% %>=}}\n<% name }}")?.description,
                       "restaurant.mustache:2:1: unclosed tag: '<%' without a matching '%>'")
    }

    func testEmptyAndSpacedNamesAreRejected() {
        XCTAssertEqual(parseError("{{ }}")?.reason, "empty tag")
        XCTAssertEqual(parseError("{{first name}}")?.reason, "tag name 'first name' contains whitespace")
    }

    func testUnclosedParentAndBlock() {
        XCTAssertEqual(parseError("{{<layout}}\n{{$main}}x{{/main}}")?.description,
                       "restaurant.mustache:1:1: unclosed parent 'layout'")
        XCTAssertEqual(parseError("{{$main}}x")?.description, "restaurant.mustache:1:1: unclosed block 'main'")
    }

    /// Columns count characters, not UTF-8 bytes, so Korean text before a tag does not skew them.
    func testColumnCountsKoreanCharactersOnce() {
        XCTAssertEqual(parseError("예약 {{#slots}}")?.column, 4)
    }

    func testSelfIncludingPartialStopsWithAnError() throws {
        let partials = try TemplateLibrary(sources: ["loop": "again {{>loop}}"])
        XCTAssertThrowsError(try Template("{{>loop}}").render([:], partials: partials)) { error in
            XCTAssertTrue("\(error)".contains("nested more than"), "\(error)")
        }
    }
}

final class BlockRecursionRegressionTests: XCTestCase {
    /// Found by `Fuzz/run.sh` (Fuzz/Regressions/FuzzMustache): a block nested in its own
    /// override overflowed the stack and would have crashed `yeyak build`.
    func testABlockInsideItsOwnOverrideRendersInsteadOfRecursingForever() throws {
        let library = try TemplateLibrary(sources: [
            "layout": "<h1>{{$title}}기본{{/title}}</h1>",
            "page": "{{<layout}}{{$title}}바깥 {{$title}}안쪽{{/title}}{{/title}}{{/layout}}",
        ])
        XCTAssertEqual(try library.render("page", [:]), "<h1>바깥 안쪽</h1>")
    }
}

final class DelimiterSigilRegressionTests: XCTestCase {
    /// Found by `Fuzz/run.sh` in CI: with `{{=[ &=}}` the tag `[&]` took its own `&` sigil for
    /// the closing delimiter and crashed on an inverted range.
    func testASigilThatIsAlsoTheClosingDelimiterIsAnErrorNotACrash() {
        XCTAssertThrowsError(try Template("{{=[ &=}}[&", name: "t")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t:1:"), "\(error)")
        }
        XCTAssertEqual(try Template("{{=[ &=}}[&name&", name: "t").render(["name": "<b>"]), "<b>", "unescaped with the new delimiters")
    }
}
