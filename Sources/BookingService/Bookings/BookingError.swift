import BookingStore

/// Why the bookings facade refused a request, in terms of bookings, not HTTP: the HTTP layer
/// turns each into an answer for the page (`APIError`), the staff CLI into a line for a person.
package enum BookingError: Error, Sendable, Equatable {
    /// No such booking, or not for this guest's key (the two look the same on purpose).
    case notFound
    /// No such restaurant in the content.
    case unknownRestaurant
    /// The slot id is not one the service sells.
    case unknownSlot
    /// The slot left the content or has started.
    case slotClosed
    /// Not enough seats; `seatsLeft` counts the guest's own held seats as available to them.
    case soldOut(seatsLeft: Int)
    case partyTooLarge(max: Int)
    case invalidPartySize
    /// Anti-hoarding: the hold would pass one of the hold limits (per guest, phone, address,
    /// network or the network's share of the slot); `retryAfter` seconds until a counted hold lapses.
    case holdLimit(HoldLimit, retryAfter: Int)
    /// Toss definitely refused the refund (`code`); the booking stays paid.
    case refundRefused(code: String)
    /// A paid booking at or after its start: the guest can no longer cancel it.
    case tooLateToCancel
    /// A staff refund outside 1...deposit.
    case invalidRefund(max: Int)
    /// The booking is in a state that cannot be cancelled.
    case notCancellable(BookingState)
    /// A webhook body that is no Toss event.
    case malformedWebhook(String)
    /// No booking has this code and phone number: an unknown code and a wrong phone number
    /// for a real one are the same answer, on purpose.
    case noBookingForCode
    /// Too many failed lookups from this client or on this code (`LookupLimiter`).
    case tooManyLookups(retryAfter: Int)
}


/// How much of a paid deposit a staff cancellation refunds.
public enum RefundChoice: Sendable, Equatable {
    /// The restaurant's refund policy at this moment, as for a guest's own cancel.
    case policy
    /// Everything: the cancellation is the restaurant's doing.
    case full
    /// A chosen amount in KRW, 1 up to the deposit.
    case amount(Int)
}

extension BookingError {
    /// A stable code for programs (the page's script, logs, the staff CLI).
    package var code: String {
        switch self {
        case .notFound, .unknownRestaurant: return "NOT_FOUND"
        case .unknownSlot, .partyTooLarge, .invalidPartySize: return "INVALID_FIELD"
        case .slotClosed: return "SLOT_CLOSED"
        case .soldOut: return "SOLD_OUT"
        case .holdLimit: return "TOO_MANY_HOLDS"
        case .refundRefused: return "REFUND_REFUSED"
        case .tooLateToCancel: return "TOO_LATE_TO_CANCEL"
        case .invalidRefund: return "INVALID_REFUND"
        case .notCancellable: return "NOT_CANCELLABLE"
        case .malformedWebhook: return "MALFORMED_WEBHOOK"
        case .noBookingForCode: return "NOT_FOUND"
        case .tooManyLookups: return "TOO_MANY_LOOKUPS"
        }
    }

    /// What a guest or a member of staff reads, in Korean.
    package var message: String {
        switch self {
        case .notFound, .unknownRestaurant: return "찾을 수 없습니다."
        case .unknownSlot: return "선택하신 예약 시간을 찾을 수 없습니다. 페이지를 새로 고쳐 주세요."
        case .slotClosed: return "선택하신 시간은 더 이상 예약할 수 없습니다."
        case .soldOut(let seatsLeft):
            return seatsLeft == 0 ? "선택하신 시간은 예약이 마감되었습니다. 다른 시간을 골라 주세요."
                : "남은 좌석이 \(seatsLeft)석뿐입니다. 인원을 줄이거나 다른 시간을 골라 주세요."
        case .partyTooLarge(let max): return "이 좌석은 최대 \(max)명까지 예약할 수 있습니다."
        case .invalidPartySize: return "인원은 1명 이상이어야 합니다."
        case .holdLimit(.perGuest(let holds), _):
            return "결제를 기다리는 예약이 이미 \(holds)건 있습니다. 먼저 결제를 마치거나 잠시 후 다시 시도해 주세요."
        case .holdLimit(.perPhone(let holds), _):
            return "이 전화번호로 결제를 기다리는 예약이 이미 \(holds)건 있습니다. 먼저 결제를 마치거나 잠시 후 다시 시도해 주세요."
        case .holdLimit(.perAddress, _), .holdLimit(.perNetwork, _):
            return "지금 사용 중인 인터넷 연결에서 결제를 기다리는 예약이 너무 많습니다. 잠시 후 다시 시도해 주세요."
        case .holdLimit(.slotShare, _):
            return "이 시간은 같은 인터넷 연결에서 결제를 기다리는 예약이 많아 지금은 더 잡을 수 없습니다. 잠시 후 다시 시도하시거나 다른 시간을 골라 주세요."
        case .refundRefused(let code): return "토스페이먼츠에서 환불을 거절했습니다 (\(code)). 예약은 결제된 그대로 유지됩니다."
        case .tooLateToCancel: return "방문 시간이 지나 온라인으로 취소할 수 없습니다. 식당으로 연락해 주세요."
        case .invalidRefund(let max): return "환불 금액은 1원부터 \(max)원까지 입력할 수 있습니다."
        case .notCancellable(let state): return "취소할 수 없는 예약입니다 (현재 상태: \(state.koreanName))."
        case .malformedWebhook(let problem): return problem
        case .noBookingForCode: return "예약번호와 전화번호가 맞는 예약이 없습니다. 예약 완료 화면이나 문자에 있는 예약번호와 예약할 때 입력한 전화번호를 확인해 주세요."
        case .tooManyLookups(let seconds):
            return "조회에 여러 번 실패해 잠시 조회를 막았습니다. \(Self.minutes(seconds))분 뒤에 다시 시도하시거나 식당으로 연락해 주세요."
        }
    }
}

extension BookingError {
    /// Whole minutes, rounded up, for "N분 뒤에".
    static func minutes(_ seconds: Int) -> Int { max(1, (seconds + 59) / 60) }
}

extension BookingState {
    /// The state as guests and staff read it.
    package var koreanName: String {
        switch self {
        case .ready: return "결제 대기"
        case .confirming: return "결제 확인 중"
        case .paid: return "예약 완료"
        case .failed: return "예약 실패"
        case .expired: return "유효 시간 만료"
        case .cancelling: return "취소 처리 중"
        case .cancelled: return "취소됨"
        case .needsAttention: return "결제 확인 중"
        }
    }
}
