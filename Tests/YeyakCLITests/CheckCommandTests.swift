import TestSupport
import XCTest

/// Runs the real `yeyak` binary, as a user would.
final class CheckCommandTests: XCTestCase {
    let contentFolder = SharedFolder.projectRoot.appendingPathComponent("content").path

    func testHelpListsWorkingCommandsAndExitsZero() throws {
        let result = try ChildProcess.yeyak(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.contains("check"))
        let commandHelp = try ChildProcess.yeyak(["check", "--help"])
        XCTAssertEqual(commandHelp.status, 0)
        XCTAssertTrue(commandHelp.standardOutput.contains("--content DIR"))
    }

    func testUsageErrorsExitTwoWithOneLine() throws {
        for arguments in [["check", "--bogus"], ["check", "--content"], ["frobnicate"], []] {
            let result = try ChildProcess.yeyak(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            if !arguments.isEmpty {
                XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
            }
        }
    }

    func testCheckSummarisesTheSampleContent() throws {
        let result = try ChildProcess.yeyak(["check", "--content", contentFolder])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("3 restaurants"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("맛있는 집밥"))
        XCTAssertTrue(result.standardOutput.contains("10,000원"))
    }

    func testCheckNamesEveryPlantedMistakeAndExitsOne() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.removeItem(at: folder.url)
        try FileManager.default.copyItem(atPath: contentFolder, toPath: folder.path)
        let jipbap = try folder.read("restaurants/jipbap.json")
            .replacingOccurrences(of: "\"depositPerPerson\": 15000", with: "\"depositPerPerson\": 0")
            .replacingOccurrences(of: "\"tables\": [\"room6\"]", with: "\"tables\": [\"room7\"]")
            .replacingOccurrences(of: "\"address\"", with: "\"adress\"")
        try folder.write("restaurants/jipbap.json", jipbap)
        try folder.write("site.json", try folder.read("site.json").replacingOccurrences(of: "Asia/Seoul", with: "Seoul"))

        let result = try ChildProcess.yeyak(["check", "--content", folder.path])
        XCTAssertEqual(result.status, 1)
        for expected in [
            "site.json: timeZone: 'Seoul' is not a time zone",
            "restaurants/jipbap.json: tables[2].depositPerPerson: must be a deposit in won greater than 0",
            "restaurants/jipbap.json: weekly[1].tables[0]: unknown table 'room7'; did you mean 'room6'?",
            "restaurants/jipbap.json: adress: unknown field (line 5); did you mean 'address'?",
            "restaurants/jipbap.json: address: is required",
        ] {
            XCTAssertTrue(result.standardError.contains(expected), "missing \(expected) in:\n\(result.standardError)")
        }
        XCTAssertTrue(result.standardError.contains("5 problems"), result.standardError)
    }

    func testMissingContentFolderIsARuntimeFailure() throws {
        let result = try ChildProcess.yeyak(["check", "--content", "/nonexistent/content"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("content folder '/nonexistent/content' does not exist"))
    }
}
