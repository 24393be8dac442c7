import Foundation

/// Full refund until `fullRefundHoursBefore` hours before the booking; after that the
/// restaurant keeps `penaltyPercent` of the deposit (capped by `ReservationKind`).
package struct RefundPolicy: Sendable, Equatable {
    package var fullRefundHoursBefore: Int
    package var penaltyPercent: Int

    package init(fullRefundHoursBefore: Int, penaltyPercent: Int) {
        self.fullRefundHoursBefore = fullRefundHoursBefore
        self.penaltyPercent = penaltyPercent
    }

    /// The moment the full refund ends for a booking starting at `startsAt`.
    package func fullRefundDeadline(for startsAt: Date) -> Date {
        startsAt.addingTimeInterval(-Double(fullRefundHoursBefore) * 3600)
    }

    /// What goes back to the guest when they cancel at `now`. The penalty is rounded down to
    /// the won, so the guest never loses more than the announced share.
    package func refund(deposit: Int, startsAt: Date, cancelledAt now: Date) -> Int {
        if now < fullRefundDeadline(for: startsAt) { return deposit }
        return deposit - deposit * penaltyPercent / 100
    }

    /// The policy in plain Korean, shown before payment (the FTC rules apply only if announced).
    package var koreanDescription: String {
        if penaltyPercent == 0 {
            return "예약금은 언제 취소하셔도 전액 돌려드립니다."
        }
        return "방문 \(fullRefundHoursBefore)시간 전까지 취소하시면 예약금 전액을 돌려드립니다. "
            + "그 이후 취소하시거나 방문하지 않으시면 예약금의 \(penaltyPercent)%를 위약금으로 제하고 나머지를 돌려드립니다."
    }
}
