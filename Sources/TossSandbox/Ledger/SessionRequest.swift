/// What the SDK stand-in sends when `requestPayment` opens the payment window.
public struct SessionRequest: Sendable, Decodable {
    public var clientKey: String
    public var orderId: String
    public var orderName: String
    public var amount: Int
    public var successUrl: String
    public var failUrl: String
    public var customerKey: String?
    /// `widget` (default) or `payment`.
    public var flow: String?

    public init(clientKey: String, orderId: String, orderName: String, amount: Int,
                successUrl: String, failUrl: String, customerKey: String? = nil, flow: String? = nil) {
        self.clientKey = clientKey
        self.orderId = orderId
        self.orderName = orderName
        self.amount = amount
        self.successUrl = successUrl
        self.failUrl = failUrl
        self.customerKey = customerKey
        self.flow = flow
    }
}
