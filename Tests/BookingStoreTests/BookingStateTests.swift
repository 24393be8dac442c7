import BookingStore
import XCTest

final class BookingStateTests: XCTestCase {
    /// Every (from, to) pair, against the moves PRODUCT.md allows.
    func testTransitionTableIsExactlyTheDocumentedMoves() {
        let allowed: Set<[BookingState]> = [
            [.ready, .confirming], [.ready, .failed], [.ready, .expired],
            [.expired, .confirming], [.expired, .failed],
            [.confirming, .paid], [.confirming, .failed], [.confirming, .needsAttention],
            // A confirm begun with a paymentKey Toss shows is not the order's is undone.
            [.confirming, .ready],
            [.needsAttention, .paid], [.needsAttention, .failed], [.needsAttention, .cancelled],
            [.paid, .cancelling], [.paid, .cancelled],
            // The refund is recorded before Toss is called; a definite refusal puts it back.
            [.cancelling, .cancelled], [.cancelling, .paid],
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
            Set(BookingState.allCases.filter(\.occupiesSeats)), [.ready, .confirming, .paid, .needsAttention, .cancelling],
            "a booking being refunded keeps its seats until Toss shows the cancel")
    }

    func testRawValuesAreTheStoredNames() {
        XCTAssertEqual(
            BookingState.allCases.map(\.rawValue),
            ["READY", "CONFIRMING", "PAID", "FAILED", "EXPIRED", "CANCELLING", "CANCELLED", "NEEDS_ATTENTION"])
    }
}
