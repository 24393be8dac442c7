import Mustache
import XCTest

/// Guest-supplied text (names, comments) must never become markup.
final class EscapingTests: XCTestCase {
    func testEscapedInterpolationEscapesHTMLSpecialCharacters() throws {
        let output = try Template("<p title=\"{{x}}\">{{x}}</p>").render(["x": "<script>alert('1 & \"2\"')</script>"])
        XCTAssertEqual(output, "<p title=\"&lt;script&gt;alert(&#39;1 &amp; &quot;2&quot;&#39;)&lt;/script&gt;\">"
            + "&lt;script&gt;alert(&#39;1 &amp; &quot;2&quot;&#39;)&lt;/script&gt;</p>")
    }

    func testTripleAndAmpersandLeaveHTMLAlone() throws {
        let value: MustacheValue = ["html": "<b>맛있는 집밥</b> & co"]
        XCTAssertEqual(try Template("{{{html}}}|{{&html}}").render(value),
                       "<b>맛있는 집밥</b> & co|<b>맛있는 집밥</b> & co")
    }

    func testKoreanAndEmojiPassThroughUnchanged() throws {
        let text = "예약이 성공하였습니다 🎉 20,000원"
        XCTAssertEqual(try Template("{{t}}").render(["t": .string(text)]), text)
    }

    func testEscapingInsideSectionsAndPartials() throws {
        let partials = try TemplateLibrary(sources: ["row": "<li>{{name}}</li>"])
        let value: MustacheValue = ["guests": [["name": "Kim & Lee"], ["name": "<Park>"]]]
        XCTAssertEqual(try Template("{{#guests}}{{>row}}{{/guests}}").render(value, partials: partials),
                       "<li>Kim &amp; Lee</li><li>&lt;Park&gt;</li>")
    }
}
