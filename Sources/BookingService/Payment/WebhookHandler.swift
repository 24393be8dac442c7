import BookingStore
import CivilTime
import Foundation
import JSON
import TossClient
import YeyakContent

/// `POST /webhooks/toss`. No signature exists for payment events, so nothing in the body is
/// trusted: its orderId only decides whether the event can concern a booking of ours at all (an
/// unknown order costs no Toss call), its paymentKey says what to re-read from Toss with the
/// secret key, and only that truth is applied (idempotently, so repeats and reordering are
/// harmless). Lookups go through the background budget, shared per payment.
package struct WebhookHandler: Sendable {
    let store: any BookingStore
    let toss: TossClient
    let settlement: PaymentSettlement
    let lookups: BackgroundLookups
    let clock: any WallClock
    let log: @Sendable (String) -> Void

    package enum Outcome: Sendable, Equatable {
        case applied(orderId: String)
        case unknownPayment
        case ignoredEvent(String)
        case lookupFailed
    }

    /// Throws `BookingError.malformedWebhook` for a body that is not a Toss event.
    func handle(body: [UInt8]) async throws -> Outcome {
        // DEPOSIT_CALLBACK (virtual accounts) is a flat body without eventType: {createdAt, secret,
        // status, transactionKey, orderId}. Yeyak refuses virtual accounts at confirm, so it is
        // acknowledged (200, or Toss retries it 7 times) and otherwise ignored.
        if let root = try? JSONParser.parse(body), case .object(let members) = root.value,
           !members.contains(where: { $0.key == "eventType" }),
           members.contains(where: { $0.key == "secret" }), members.contains(where: { $0.key == "orderId" }) {
            return .ignoredEvent("DEPOSIT_CALLBACK")
        }
        guard let root = try? JSONParser.parse(body), case .object(let members) = root.value,
              let eventNode = members.first(where: { $0.key == "eventType" })?.node, case .string(let eventType) = eventNode.value,
              let dataNode = members.first(where: { $0.key == "data" })?.node, case .object(let data) = dataNode.value
        else {
            throw BookingError.malformedWebhook("not a Toss webhook event")
        }
        guard eventType == "PAYMENT_STATUS_CHANGED" else { return .ignoredEvent(eventType) }
        guard let keyNode = data.first(where: { $0.key == "paymentKey" })?.node, case .string(let paymentKey) = keyNode.value,
              !paymentKey.isEmpty, paymentKey.count <= 200
        else {
            throw BookingError.malformedWebhook("data.paymentKey is missing")
        }
        guard paymentKey.utf8.allSatisfy(Self.isKeyByte),
              let orderNode = data.first(where: { $0.key == "orderId" })?.node, case .string(let orderId) = orderNode.value,
              OrderID.isValid(orderId), try await store.booking(orderId: orderId, now: clock.now) != nil
        else {
            return .unknownPayment  // not an order of ours: nothing to look up
        }
        // The truth, read with our secret key; the body's status is ignored on purpose.
        let truth = await lookups.payment(paymentKey: paymentKey)
        switch truth {
        case .done(let payment):
            guard payment.orderId == orderId, let booking = try await store.booking(orderId: payment.orderId, now: clock.now) else {
                log("webhook: Toss payment \(paymentKey) is not for the order the event named")
                return .unknownPayment
            }
            _ = try await settlement.apply(payment, to: booking)
            return .applied(orderId: booking.orderId)
        case .refused(let code, _, _) where code == "NOT_FOUND_PAYMENT":
            log("webhook: Toss does not know payment \(paymentKey)")
            return .unknownPayment
        default:
            // Answer non-200 so Toss retries later, when the lookup may work.
            return .lookupFailed
        }
    }

    /// paymentKeys are URL-safe text; anything else cannot be one of Toss's.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F
    }
}
