/// A Toss call that moves money for one order and so needs its own stored `Idempotency-Key`.
public struct PaymentOperation: RawRepresentable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let confirm = PaymentOperation(rawValue: "confirm")
    public static let cancel = PaymentOperation(rawValue: "cancel")
}
