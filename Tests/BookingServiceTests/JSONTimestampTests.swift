import Foundation
import XCTest
@testable import BookingService

/// The format itself is tested with `ISO8601Timestamp` (Tests/CivilTimeTests); here that the
/// service takes the offset from the restaurant's zone and drops the fraction of a second.
final class JSONTimestampTests: XCTestCase {
    func testTimestampsCarryTheRestaurantsOffset() {
        let seoul = TimeZone(identifier: "Asia/Seoul")!
        XCTAssertEqual(JSONTimestamp.format(Date(timeIntervalSince1970: 1_798_102_800), zone: seoul), "2026-12-24T18:00:00+09:00")
        XCTAssertEqual(JSONTimestamp.format(Date(timeIntervalSince1970: 1_798_102_859.9), zone: seoul), "2026-12-24T18:00:59+09:00")
        XCTAssertEqual(JSONTimestamp.format(Date(timeIntervalSince1970: 1_798_102_800), zone: TimeZone(identifier: "UTC")!), "2026-12-24T09:00:00+00:00")
        XCTAssertEqual(JSONTimestamp.format(Date(timeIntervalSince1970: 1_798_102_800), zone: TimeZone(identifier: "America/St_Johns")!),
                       "2026-12-24T05:30:00-03:30")
    }
}
