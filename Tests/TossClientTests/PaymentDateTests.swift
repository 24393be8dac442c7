import Foundation
import XCTest
@testable import TossClient

final class PaymentDateTests: XCTestCase {
    func testTossTimestampsAreReadExactly() {
        let reference = Date(timeIntervalSince1970: 1_798_102_800)  // 2026-12-24T09:00:00Z
        XCTAssertEqual(Payment.parseDate("2026-12-24T18:00:00+09:00"), reference)
        XCTAssertEqual(Payment.parseDate("2026-12-24T09:00:00Z"), reference)
        XCTAssertEqual(Payment.parseDate("2026-12-24T04:00:00-05:00"), reference)
        XCTAssertEqual(Payment.parseDate("2026-12-24T18:00:00.250+09:00")!.timeIntervalSince1970, 1_798_102_800.25, accuracy: 0.0001)
        XCTAssertEqual(Payment.parseDate("2028-02-29T00:00:00+09:00"), Date(timeIntervalSince1970: 1_835_362_800))
        for bad in ["", "2026-12-24", "2026-12-24T18:00:00", "2026-13-24T18:00:00+09:00", "2026-12-24T18:00:00+0900",
                    "2026-12-24 18:00:00+09:00", "+026-12-24T18:00:00+09:00"] {
            XCTAssertNil(Payment.parseDate(bad), bad)
        }
    }
}
