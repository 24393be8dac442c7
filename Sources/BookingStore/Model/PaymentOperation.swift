/// A Toss call that moves money for one order and so needs its own stored `Idempotency-Key`.
package struct PaymentOperation: RawRepresentable, Sendable, Hashable {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let confirm = PaymentOperation(rawValue: "confirm")
    package static let cancel = PaymentOperation(rawValue: "cancel")
}
