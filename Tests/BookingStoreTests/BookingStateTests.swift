import BookingStore
import XCTest

final class BookingStateTests: XCTestCase {
    /// Every (from, to) pair, against the moves PRODUCT.md allows.
    func testTransitionTableIsExactlyTheDocumentedMoves() {
        let allowed: Set<[BookingState]> = [
            [.ready, .confirming], [.ready, .failed], [.ready, .expired],
            [.expired, .confirming], [.expired, .failed],
            [.confirming, .paid], [.confirming, .failed], [.confirming, .needsAttention],
            [.needsAttention, .paid], [.needsAttention, .failed], [.needsAttention, .cancelled],
            [.paid, .cancelled],
        ]
        for from in BookingState.allCases {
            for to in BookingState.allCases {
                XCTAssertEqual(
                    from.canMove(to: to), allowed.contains([from, to]), "\(from.rawValue) -> \(to.rawValue)")
            }
        }
    }

    func testOnlyFailedAndCancelledAreFinal() {
        XCTAssertEqual(Set(BookingState.allCases.filter(\.isFinal)), [.failed, .cancelled])
    }

    func testSeatOccupyingStates() {
        XCTAssertEqual(
            Set(BookingState.allCases.filter(\.occupiesSeats)), [.ready, .confirming, .paid, .needsAttention])
    }

    func testRawValuesAreTheStoredNames() {
        XCTAssertEqual(
            BookingState.allCases.map(\.rawValue),
            ["READY", "CONFIRMING", "PAID", "FAILED", "EXPIRED", "CANCELLED", "NEEDS_ATTENTION"])
    }
}
