import JSON

/// What the SDK stand-in sends when `requestPayment` opens the payment window.
package struct SessionRequest: Sendable {
    package var clientKey: String
    package var orderId: String
    package var orderName: String
    package var amount: Int
    package var successUrl: String
    package var failUrl: String
    package var customerKey: String?
    /// `widget` (default) or `payment`.
    package var flow: String?

    package init(clientKey: String, orderId: String, orderName: String, amount: Int,
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

    init(json: JSONNode) throws(JSONFieldError) {
        clientKey = try json.required("clientKey", \.stringValue)
        orderId = try json.required("orderId", \.stringValue)
        orderName = try json.required("orderName", \.stringValue)
        amount = try json.required("amount", \.intValue)
        // Both absent: the SDK's Promise mode (the window reports back to the page instead).
        successUrl = try json.optional("successUrl", \.stringValue) ?? ""
        failUrl = try json.optional("failUrl", \.stringValue) ?? ""
        customerKey = try json.optional("customerKey", \.stringValue)
        flow = try json.optional("flow", \.stringValue)
    }
}
