import BookingStore
import Foundation
import HTTPServer

/// Toss's two browser redirects (the tutorial's paths). Each reads its query, asks `Bookings`,
/// and answers with the page for the outcome; the router renders it.
struct PaymentRedirects: Sendable {
    let bookings: Bookings

    /// `GET /restaurant/confirm/success/?paymentKey&orderId&amount[&paymentType]`. A reload
    /// shows the same page without calling Toss.
    func success(_ request: HTTPRequest) async throws -> ResultPage {
        guard let paymentKey = request.queryValue("paymentKey"), !paymentKey.isEmpty, paymentKey.count <= 200,
              let orderId = request.queryValue("orderId"), OrderID.isValid(orderId),
              let amountText = request.queryValue("amount"), let amount = Self.wholeNumber(amountText)
        else { return .badPaymentRequest }
        let outcome = try await bookings.confirm(paymentKey: paymentKey, orderId: orderId, amount: amount)
        return .payment(outcome, content: bookings.content)
    }

    /// `GET /restaurant/confirm/failed/?code&message&orderId`: the buyer cancelled or the card
    /// was refused in the payment window. READY -> FAILED and the seats go back; a booking that
    /// is paid or being confirmed is not changed, and its page says what is true of it; an order
    /// that is not ours gets a plain failure page.
    func failed(_ request: HTTPRequest) async throws -> ResultPage {
        let code = request.queryValue("code").map { String($0.prefix(64)) } ?? "UNKNOWN"
        let rawMessage = request.queryValue("message").map { String($0.prefix(300)) }
        let reason = FailureMessages.reason(for: code, tossMessage: rawMessage)
        switch try await bookings.paymentWindowFailed(orderId: request.queryValue("orderId") ?? "", code: code, reason: reason) {
        case .failed(let failed)?:
            return .failed(failed, reason: failed.failureMessage ?? reason, content: bookings.content)
        case let outcome?:
            return .payment(outcome, content: bookings.content)
        case nil:
            return .failed(nil, reason: reason, content: bookings.content)
        }
    }

    /// Digits only, no sign, no overflow (`Int("+5")` would say 5).
    static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
