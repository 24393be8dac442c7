import DevServer
import XCTest

final class LiveReloadScriptTests: XCTestCase {
    func inject(_ html: String, version: Int = 7) -> String {
        String(decoding: LiveReloadScript.inject(into: Array(html.utf8), version: version), as: UTF8.self)
    }

    func testTheTagGoesBeforeTheLastBodyClose() {
        let tag = LiveReloadScript.tag(version: 7)
        XCTAssertEqual(inject("<body><p>&lt;/body&gt; </body>\n</html>"), "<body><p>&lt;/body&gt; \(tag)</body>\n</html>")
        XCTAssertEqual(inject("<p>a</p></BoDy>"), "<p>a</p>\(tag)</BoDy>")
        XCTAssertEqual(inject("<p>no body</p>"), "<p>no body</p>\(tag)", "without </body> the tag is appended")
        XCTAssertEqual(inject(""), tag)
        XCTAssertTrue(tag.contains("data-version=\"7\""))
    }
}
