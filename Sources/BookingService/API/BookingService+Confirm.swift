import BookingStore
import Foundation
import HTTPServer
import YeyakContent

extension BookingService {
    /// `GET /restaurant/confirm/success/?paymentKey&orderId&amount[&paymentType]`: Toss's
    /// success redirect (the tutorial's path). A reload shows the same page without calling Toss.
    func confirmSuccess(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let paymentKey = request.queryValue("paymentKey"), !paymentKey.isEmpty, paymentKey.count <= 200,
              let orderId = request.queryValue("orderId"), OrderID.isValid(orderId),
              let amountText = request.queryValue("amount"), let amount = Self.wholeNumber(amountText)
        else {
            return page(.error, title: "잘못된 결제 요청입니다", status: 400, reason: "결제 정보가 올바르지 않습니다.")
        }
        switch try await confirmFlow.run(paymentKey: paymentKey, orderId: orderId, amount: amount) {
        case .notFound:
            return page(.error, title: "예약을 찾을 수 없습니다", status: 404)
        case .amountMismatch:
            // The tutorial's PermissionDenied: a tampered amount never reaches Toss.
            log("refused success redirect for order \(orderId): amount \(amount) differs from the stored amount")
            return page(.error, title: "결제 금액이 예약과 다릅니다", status: 403,
                        reason: "결제 금액이 올바르지 않아 결제를 진행하지 않았습니다. 예약금은 청구되지 않았습니다.")
        case .paid(let booking):
            return resultPage(for: booking, outcome: .paid, title: "예약이 성공하였습니다")
        case .checking(let booking):
            return resultPage(for: booking, outcome: .checking, title: "결제를 확인하고 있습니다",
                              reason: "결제 결과를 Toss에서 확인하고 있습니다. 확인되면 예약이 확정되며, 결제되지 않았다면 청구되지 않습니다.")
        case .failed(let booking):
            return resultPage(for: booking, outcome: .failed, title: "예약에 실패했습니다",
                              reason: booking.failureMessage ?? FailureMessages.korean(for: booking.failureCode ?? ""))
        case .cancelled(let booking):
            return resultPage(for: booking, outcome: .cancelled, title: "취소된 예약입니다")
        }
    }

    /// `GET /restaurant/confirm/failed/?code&message&orderId`: the buyer cancelled or the card
    /// was refused in the payment window. READY -> FAILED and the seats go back; an unknown or
    /// already-settled order only gets a plain failure page.
    func confirmFailed(_ request: HTTPRequest) async throws -> HTTPResponse {
        let code = request.queryValue("code").map { String($0.prefix(64)) } ?? "UNKNOWN"
        let rawMessage = request.queryValue("message").map { String($0.prefix(300)) }
        let reason = FailureMessages.reason(for: code, tossMessage: rawMessage)
        guard let orderId = request.queryValue("orderId"), OrderID.isValid(orderId),
              let booking = try await store.booking(orderId: orderId, now: clock.now)
        else {
            return page(.failed, title: "예약에 실패했습니다", status: 200, reason: reason)
        }
        if booking.state == .ready || booking.state == .expired {
            let outcome = try await store.failHold(orderId: orderId, code: code, message: reason, now: clock.now)
            metrics.count("payment_window_failed")
            if let failed = outcome.booking, failed.state == .failed {
                return resultPage(for: failed, outcome: .failed, title: "예약에 실패했습니다", reason: reason)
            }
        }
        // Anything else (already paid, confirming...) is not changed by a browser's claim.
        return page(.failed, title: "예약에 실패했습니다", status: 200, reason: reason)
    }

    func resultPage(for booking: Booking, outcome: ResultPage.Outcome, title: String, reason: String? = nil) -> HTTPResponse {
        let content = self.content
        let zone = content.site.timeZone
        var view = ResultPage(outcome: outcome, title: title)
        view.orderId = booking.orderId
        view.when = KoreanFormat.dateTime(booking.startsAt, in: zone)
        view.partySize = booking.partySize
        view.amount = KoreanFormat.won(booking.amount)
        view.receiptURL = booking.receiptURL
        view.reason = reason
        view.restaurantSlug = booking.restaurant
        if let restaurant = content.restaurant(booking.restaurant) {
            view.restaurantName = restaurant.name
            view.tableName = restaurant.table(booking.tableId)?.name
            view.refundPolicy = restaurant.refundPolicy.koreanDescription
        } else {
            view.restaurantName = booking.orderName
        }
        if outcome == .paid || outcome == .checking {
            view.manageURL = content.site.baseURL.absoluteString.hasSuffix("/")
                ? "\(content.site.baseURL.absoluteString)booking/#\(booking.orderId)"
                : "\(content.site.baseURL.absoluteString)/booking/#\(booking.orderId)"
        }
        return HTTPResponse.html(200, resultPages.render(view))
    }

    /// Digits only, no sign, no overflow (`Int("+5")` would say 5).
    static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
