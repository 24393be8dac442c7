import Foundation
import XCTest
@testable import TossSandbox

/// The format itself is tested with `ISO8601Timestamp` (Tests/CivilTimeTests); here only that the
/// sandbox writes Korea time and drops the fraction of a second.
final class TossDateTests: XCTestCase {
    func testTimestampsAreKoreaTimeWithTheOffsetTossSends() {
        XCTAssertEqual(TossDate.format(Date(timeIntervalSince1970: 1_798_102_800)), "2026-12-24T18:00:00+09:00")
        XCTAssertEqual(TossDate.format(Date(timeIntervalSince1970: 1_798_124_399.9)), "2026-12-24T23:59:59+09:00")
        XCTAssertEqual(TossDate.format(Date(timeIntervalSince1970: 1_798_124_400)), "2026-12-25T00:00:00+09:00", "midnight in Seoul is 15:00 UTC")
    }
}
