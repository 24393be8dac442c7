import Foundation
import SiteBuilder
import YeyakContent
import TestSupport
import XCTest

/// Runs the booking page's script in node against a stand-in Toss SDK and a fake service
/// (`js/booking-flow.test.js`): widget calls in the documented order with the service's amount,
/// sold out / validation / unreachable messages without any SDK call, and the guest key.
final class BookingScriptTests: XCTestCase {
    static let node = URL(fileURLWithPath: "/usr/bin/node")
    static let folder = SharedFolder.projectRoot.appendingPathComponent("Tests/SiteBuilderTests/js")

    func testBookingFlowAgainstStandInSDK() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.node.path) else {
            if isCI { XCTFail("node is required under CI=true (apt-get install nodejs)"); return }
            throw XCTSkip("node is not installed at /usr/bin/node; the booking script test needs it")
        }
        let script = SharedFolder.projectRoot.appendingPathComponent("site-templates/assets/booking.js")
        let result = try ChildProcess.run(Self.node, [
            Self.folder.appendingPathComponent("booking-flow.test.js").path, script.path,
            Self.folder.appendingPathComponent("phone-cases.json").path,
        ], timeout: 30)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "ok 17")
    }

    /// The restaurant page's script (`js/availability.test.js`): a slot that started by the
    /// browser's clock is "지난 시간", one the live availability does not list "마감", open ones as before.
    func testAvailabilityScriptMarksStartedAndUnlistedSlots() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.node.path) else {
            if isCI { XCTFail("node is required under CI=true (apt-get install nodejs)"); return }
            throw XCTSkip("node is not installed at /usr/bin/node; the availability script test needs it")
        }
        let script = SharedFolder.projectRoot.appendingPathComponent("site-templates/assets/availability.js")
        let result = try ChildProcess.run(Self.node, [
            Self.folder.appendingPathComponent("availability.test.js").path, script.path,
        ], timeout: 30)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }

    /// The Swift rule the service uses agrees with the script on the same table.
    func testSwiftPhoneRuleMatchesTheSharedTable() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("phone-cases.json"))
        let cases = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for (input, digits) in cases["accepted"] as! [String: String] {
            XCTAssertEqual(GuestFieldRules.normalizedPhone(input), digits, input)
        }
        for input in cases["refused"] as! [String] {
            XCTAssertNil(GuestFieldRules.normalizedPhone(input), input)
        }
    }
}
