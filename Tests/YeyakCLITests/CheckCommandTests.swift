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

    /// Offline key checks: a secret of another product than the site's (widget) client key is
    /// refused by check and build, naming the field; the matching secret passes.
    func testCheckAndBuildRefuseASecretOfAnotherProduct() throws {
        let wrong = ["TOSS_SECRET_KEY": "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"]
        let check = try ChildProcess.yeyak(["check", "--content", contentFolder], environment: wrong)
        XCTAssertEqual(check.status, 1, check.standardOutput)
        XCTAssertTrue(check.standardError.contains("toss.clientKey"), check.standardError)
        XCTAssertTrue(check.standardError.contains("INVALID_API_KEY"), check.standardError)
        XCTAssertFalse(check.standardError.contains("zXLk"), "the secret is not printed")
        let output = try TemporaryDirectory()
        let build = try ChildProcess.yeyak(["build", "--content", contentFolder, "--output", output.path,
                                            "--templates", SharedFolder.projectRoot.appendingPathComponent("site-templates").path],
                                           environment: wrong)
        XCTAssertEqual(build.status, 1, build.standardOutput)
        XCTAssertTrue(build.standardError.contains("INVALID_API_KEY"), build.standardError)
        let right = try ChildProcess.yeyak(["check", "--content", contentFolder],
                                           environment: ["TOSS_SECRET_KEY": "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6"])
        XCTAssertEqual(right.status, 0, right.standardError)
        let windowKey = try ChildProcess.yeyak(["build", "--content", contentFolder, "--output", output.path,
                                                "--templates", SharedFolder.projectRoot.appendingPathComponent("site-templates").path,
                                                "--toss-client-key", "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq"], environment: ["TOSS_SECRET_KEY": ""])
        XCTAssertEqual(windowKey.status, 1)
        XCTAssertTrue(windowKey.standardError.contains("결제위젯 연동 키"), windowKey.standardError)
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
            "site.json: timeZone: 알 수 없는 시간대입니다 ('Seoul')",
            "restaurants/jipbap.json: tables[2].depositPerPerson: 0보다 커야 합니다",
            "restaurants/jipbap.json: weekly[1].tables[0]: 없는 테이블입니다 ('room7'). 혹시 'room6'인가요?",
            "restaurants/jipbap.json: adress: 알 수 없는 항목입니다 (5행). 혹시 'address'인가요?",
            "restaurants/jipbap.json: address: 꼭 있어야 하는 항목입니다",
        ] {
            XCTAssertTrue(result.standardError.contains(expected), "missing \(expected) in:\n\(result.standardError)")
        }
        XCTAssertTrue(result.standardError.contains("콘텐츠에 문제가 5개 있습니다"), result.standardError)
    }

    func testMissingContentFolderIsARuntimeFailure() throws {
        let result = try ChildProcess.yeyak(["check", "--content", "/nonexistent/content"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("content folder '/nonexistent/content' does not exist"))
    }
}
