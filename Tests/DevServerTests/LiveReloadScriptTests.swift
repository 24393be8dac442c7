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

    /// The problem reaches the page as a JSON string (and is shown with textContent), so what it
    /// quotes from a file can never become markup or end the script.
    func testTheStatusCarriesTheProblemOnlyWhileThereIsOneAsAJSONString() throws {
        XCTAssertEqual(LiveReloadScript.status(version: 3, problem: nil), "{\"version\":3}")
        let hostile = "restaurants/x.json: name: \"</script><img src=x onerror=alert(1)>\"\n둘째 줄"
        let text = LiveReloadScript.status(version: 4, problem: hostile)
        XCTAssertFalse(text.contains("</script>") || text.contains("<img"), text)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(decoded["problem"] as? String, hostile)
        XCTAssertEqual(decoded["version"] as? Int, 4)
        XCTAssertTrue(LiveReloadScript.source.contains("textContent = text"))
        XCTAssertFalse(LiveReloadScript.source.contains("innerHTML"), "the problem is never parsed as HTML")
    }
}
