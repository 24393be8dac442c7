import Foundation
import TestSupport
import XCTest

/// `yeyak build` and `yeyak render` through the real binary.
final class BuildCommandTests: XCTestCase {
    let root = SharedFolder.projectRoot
    var contentFolder: String { root.appendingPathComponent("content").path }
    var templatesFolder: String { root.appendingPathComponent("site-templates").path }

    func testBuildWritesTheSampleSiteThenRewritesNothing() throws {
        let output = try TemporaryDirectory()
        let arguments = ["build", "--content", contentFolder, "--templates", templatesFolder, "--output", output.path]
        let first = try ChildProcess.yeyak(arguments)
        XCTAssertEqual(first.status, 0, first.standardError)
        XCTAssertTrue(first.standardOutput.contains("Built 10 pages for 3 restaurants"), first.standardOutput)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path + "/restaurants/jipbap/book/index.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path + "/images/jipbap.svg"))
        XCTAssertTrue(try output.read("restaurants/jipbap/index.html").contains("맛있는 집밥"))
        let again = try ChildProcess.yeyak(arguments)
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.standardOutput.contains(": 0 written, "), again.standardOutput)
        XCTAssertTrue(again.standardOutput.contains(" 0 removed in "), again.standardOutput)
    }

    func testBuildOverridesGoIntoTheBookingPage() throws {
        let output = try TemporaryDirectory()
        let result = try ChildProcess.yeyak(["build", "--content", contentFolder, "--templates", templatesFolder, "--output", output.path,
                                             "--service-url", "http://127.0.0.1:9000", "--toss-sdk-url", "http://127.0.0.1:9001/v2/standard"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let book = try output.read("restaurants/jipbap/book/index.html")
        XCTAssertTrue(book.contains("data-service-url=\"http://127.0.0.1:9000\""))
        XCTAssertTrue(book.contains("<script src=\"http://127.0.0.1:9001/v2/standard\"></script>"))
    }

    func testBuildRefusesASecretKeyAndBadContent() throws {
        let output = try TemporaryDirectory()
        let secret = try ChildProcess.yeyak(["build", "--content", contentFolder, "--templates", templatesFolder, "--output", output.path,
                                             "--toss-client-key", "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"])
        XCTAssertEqual(secret.status, 1)
        XCTAssertTrue(secret.standardError.contains("looks like a secret key"), secret.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path + "/index.html"))

        let content = try TemporaryDirectory()
        try FileManager.default.removeItem(at: content.url)
        try FileManager.default.copyItem(atPath: contentFolder, toPath: content.path)
        try content.write("restaurants/jipbap.json", try content.read("restaurants/jipbap.json")
            .replacingOccurrences(of: "\"depositPerPerson\": 15000", with: "\"depositPerPerson\": 0"))
        let invalid = try ChildProcess.yeyak(["build", "--content", content.path, "--templates", templatesFolder, "--output", output.path])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.standardError.contains("restaurants/jipbap.json: tables[2].depositPerPerson: 0보다 커야 합니다"),
                      invalid.standardError)
    }

    func testBuildUsageErrorsExitTwo() throws {
        for arguments in [["build", "--bogus"], ["build", "--service-url", "not a url"], ["build", "--output"]] {
            let result = try ChildProcess.yeyak(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        }
    }

    func testRenderPrintsTheTemplateWithDataAndPartials() throws {
        let folder = try TemporaryDirectory()
        try folder.write("page.mustache", "<h1>{{title}}</h1>\n{{#items}}{{> item}}{{/items}}")
        try folder.write("parts/item.mustache", "<li>{{name}} {{price}}</li>\n")
        try folder.write("data.json", "{\"title\": \"<메뉴>\", \"items\": [{\"name\": \"된장찌개\", \"price\": \"9,000원\"}]}")
        let result = try ChildProcess.yeyak(["render", folder.path + "/page.mustache", "--data", folder.path + "/data.json",
                                             "--partials", folder.path + "/parts"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "<h1>&lt;메뉴&gt;</h1>\n<li>된장찌개 9,000원</li>\n")
    }

    func testRenderErrorsNameFileLineAndColumn() throws {
        let folder = try TemporaryDirectory()
        try folder.write("broken.mustache", "<p>\n  {{#open}}\n")
        try folder.write("data.json", "{}")
        let broken = try ChildProcess.yeyak(["render", folder.path + "/broken.mustache", "--data", folder.path + "/data.json"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.standardError.contains("broken.mustache:2:3"), broken.standardError)

        try folder.write("ok.mustache", "{{a}}")
        try folder.write("bad.json", "{\n  \"a\": 1,\n}")
        let badData = try ChildProcess.yeyak(["render", folder.path + "/ok.mustache", "--data", folder.path + "/bad.json"])
        XCTAssertEqual(badData.status, 1)
        XCTAssertTrue(badData.standardError.contains("bad.json:3:1"), badData.standardError)

        let missing = try ChildProcess.yeyak(["render", folder.path + "/ok.mustache"])
        XCTAssertEqual(missing.status, 2)
    }
}
