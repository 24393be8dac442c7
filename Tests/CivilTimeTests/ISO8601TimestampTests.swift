import CivilTime
import XCTest

/// The one ISO 8601 code: the service's answers (any offset), the sandbox's Korea time and the
/// Toss client's reading of `approvedAt`.
final class ISO8601TimestampTests: XCTestCase {
    private func format(_ seconds: Int, offset: Int) -> String {
        ISO8601Timestamp.format(secondsSince1970: seconds, offsetSeconds: offset)
    }

    /// The sandbox's timestamps (were Tests/TossSandboxTests/TossDateTests.swift).
    func testKoreaTimeWithTheOffsetTossSends() {
        let korea = 9 * 3600
        XCTAssertEqual(format(1_798_102_800, offset: korea), "2026-12-24T18:00:00+09:00")
        XCTAssertEqual(format(1_798_124_399, offset: korea), "2026-12-24T23:59:59+09:00")
        XCTAssertEqual(format(1_798_124_400, offset: korea), "2026-12-25T00:00:00+09:00", "midnight in Seoul is 15:00 UTC")
        XCTAssertEqual(format(1_835_362_800, offset: korea), "2028-02-29T00:00:00+09:00")
    }

    /// The service's timestamps carry the restaurant's offset (were in
    /// Tests/BookingServiceTests/JSONTimestampTests.swift).
    func testAnyOffsetIsWrittenWithItsSign() {
        XCTAssertEqual(format(1_798_102_800, offset: 9 * 3600), "2026-12-24T18:00:00+09:00")
        XCTAssertEqual(format(1_798_102_859, offset: 9 * 3600), "2026-12-24T18:00:59+09:00")
        XCTAssertEqual(format(1_798_102_800, offset: 0), "2026-12-24T09:00:00+00:00")
        XCTAssertEqual(format(1_798_102_800, offset: -(3 * 3600 + 1800)), "2026-12-24T05:30:00-03:30", "Newfoundland")
    }

    /// Toss's timestamps are read exactly (were Tests/TossClientTests/PaymentDateTests.swift).
    func testTossTimestampsAreReadExactly() {
        let reference = 1_798_102_800.0  // 2026-12-24T09:00:00Z
        XCTAssertEqual(ISO8601Timestamp.parse("2026-12-24T18:00:00+09:00"), reference)
        XCTAssertEqual(ISO8601Timestamp.parse("2026-12-24T09:00:00Z"), reference)
        XCTAssertEqual(ISO8601Timestamp.parse("2026-12-24T04:00:00-05:00"), reference)
        XCTAssertEqual(ISO8601Timestamp.parse("2026-12-24T18:00:00.250+09:00")!, 1_798_102_800.25, accuracy: 0.0001)
        XCTAssertEqual(ISO8601Timestamp.parse("2028-02-29T00:00:00+09:00"), 1_835_362_800)
        for bad in ["", "2026-12-24", "2026-12-24T18:00:00", "2026-13-24T18:00:00+09:00", "2026-12-24T18:00:00+0900",
                    "2026-12-24 18:00:00+09:00", "+026-12-24T18:00:00+09:00"] {
            XCTAssertNil(ISO8601Timestamp.parse(bad), bad)
        }
    }

    func testWhatIsWrittenReadsBack() {
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_777_777) {
            for offset in [0, 9 * 3600, -(3 * 3600 + 1800), 14 * 3600, -12 * 3600] {
                XCTAssertEqual(ISO8601Timestamp.parse(format(seconds, offset: offset)), Double(seconds))
            }
        }
    }
}
