import BookingStore
import Foundation
import HTTPServer
import YeyakContent
import JSON

extension BookingService {
    /// `GET /api/bookings/{orderId}` with the guest's key (`X-Customer-Key` header, or the
    /// `customerKey` query parameter). Anyone else gets the same 404 as for an unknown order.
    func showBooking(_ orderId: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        let key = request.headers["X-Customer-Key"] ?? request.queryValue("customerKey")
        let booking = try await guestBooking(orderId, customerKey: key)
        return json(200, bookingBody(booking))
    }

    /// `POST /api/bookings/{orderId}/cancel` with `{customerKey, reason?}`.
    func cancelBooking(_ orderId: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        guard let root = try? JSONParser.parse(request.body), case .object(let members) = root.value else {
            throw APIError(status: 400, code: "MALFORMED_JSON", message: "요청 형식이 올바르지 않습니다.")
        }
        var fields: [String: String] = [:]
        for member in members {
            guard ["customerKey", "reason"].contains(member.key) else { throw APIError.invalid(member.key, "알 수 없는 항목입니다: \(member.key)") }
            guard case .string(let text) = member.node.value else { throw APIError.invalid(member.key, "형식이 올바르지 않습니다.") }
            fields[member.key] = text
        }
        let booking = try await guestBooking(orderId, customerKey: fields["customerKey"] ?? request.headers["X-Customer-Key"])
        let reason = fields["reason"].map { String($0.prefix(200)) } ?? "고객 요청 취소"
        return json(200, bookingBody(try await cancel(booking, reason: reason)))
    }

    /// Staff cancellation (`yeyak bookings cancel`): the same flow as the guest's, returning the
    /// cancelled (or released) booking; refusals are thrown as the `APIError` the guest would see.
    public func cancel(orderId: String, reason: String) async throws -> Booking {
        guard let booking = try await store.booking(orderId: orderId, now: clock.now) else { throw APIError.notFound }
        return try await cancel(booking, reason: reason)
    }

    private func cancel(_ booking: Booking, reason: String) async throws -> Booking {
        let policy = content.restaurant(booking.restaurant)?.refundPolicy ?? RefundPolicy(fullRefundHoursBefore: 0, penaltyPercent: 0)
        switch try await refundFlow.cancel(booking, policy: policy, reason: reason) {
        case .released(let released), .refunded(let released):
            return released
        case .refundPending(let pending, let reason):
            log("refund pending for order \(pending.orderId): \(reason)")
            throw APIError(status: 502, code: "REFUND_PENDING",
                           message: "환불 처리를 확인하고 있습니다. 잠시 후 다시 시도해 주세요. 예약은 아직 유지됩니다.")
        case .notCancellable(let other):
            throw APIError(status: 409, code: "NOT_CANCELLABLE",
                           message: "취소할 수 없는 예약입니다 (현재 상태: \(Self.stateText(other.state))).")
        case .notFound:
            throw APIError.notFound
        }
    }

    /// The booking, only for the guest holding its key (compared in constant time).
    private func guestBooking(_ orderId: String, customerKey: String?) async throws -> Booking {
        guard OrderID.isValid(orderId), let customerKey,
              let booking = try await store.booking(orderId: orderId, now: clock.now),
              constantTimeEqual(booking.customerKey, customerKey)
        else { throw APIError.notFound }
        return booking
    }

    func bookingBody(_ booking: Booking) -> JSONValue {
        var body = reservationBody(booking)
        body.set("state", .string(booking.state.rawValue))
        body.set("stateText", .string(Self.stateText(booking.state)))
        if let paidAt = booking.paidAt { body.set("paidAt", .string(JSONTimestamp.format(paidAt, zone: content.site.timeZone))) }
        if let receipt = booking.receiptURL { body.set("receiptUrl", .string(receipt)) }
        if let refund = booking.refundAmount {
            body.set("refundAmount", .int(refund))
            body.set("refundAmountText", .string(KoreanFormat.won(refund)))
        }
        if let restaurant = content.restaurant(booking.restaurant) {
            body.set("restaurantName", .string(restaurant.name))
            body.set("refundPolicy", .string(restaurant.refundPolicy.koreanDescription))
            if booking.state == .paid {
                let refund = restaurant.refundPolicy.refund(deposit: booking.amount, startsAt: booking.startsAt, cancelledAt: clock.now)
                body.set("refundIfCancelledNow", .int(refund))
                body.set("refundIfCancelledNowText", .string(KoreanFormat.won(refund)))
            }
        }
        if let code = booking.failureCode { body.set("failureCode", .string(code)) }
        if let message = booking.failureMessage { body.set("failureMessage", .string(message)) }
        return body
    }

    static func stateText(_ state: BookingState) -> String {
        switch state {
        case .ready: return "결제 대기"
        case .confirming: return "결제 확인 중"
        case .paid: return "예약 완료"
        case .failed: return "예약 실패"
        case .expired: return "유효 시간 만료"
        case .cancelled: return "취소됨"
        case .needsAttention: return "결제 확인 중"
        }
    }
}

/// Compares secrets without an early exit, so timing does not reveal how much matched.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
