import Foundation

/// The result pages exist only as the service renders them after Toss's redirect. These make one
/// without a browser, as the sandbox's admin API allows: hold, open a payment session, play the
/// buyer's choice, and follow the redirect.
enum ServiceResultPages {
    static let widgetClient = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"

    /// The HTML of a paid booking's result page.
    static func paid(_ stack: StackEndpoints) throws -> String {
        try LoopbackHTTP.get(redirect(stack, choice: "approve")).text
    }

    /// The HTML of a declined payment's result page.
    static func failed(_ stack: StackEndpoints) throws -> String {
        try LoopbackHTTP.get(redirect(stack, choice: "decline")).text
    }

    /// A booking paid without a browser (the guest typed 010-2222-3333): its order id and the
    /// booking code the database gave it.
    static func paidBooking(_ stack: StackEndpoints) throws -> (orderId: String, code: String) {
        let url = try redirect(stack, choice: "approve")
        let page = try LoopbackHTTP.get(url)
        guard page.status == 200, let orderId = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "orderId" })?.value,
              let code = try stack.database.booking(orderId)?["booking_code"] as? String
        else { throw LoopbackHTTP.Failure(description: "no paid booking: \(page.status) \(url)") }
        return (orderId, code)
    }

    /// Where Toss sends the guest after a declined payment (for a browser to open).
    static func failedURL(_ stack: StackEndpoints) throws -> String {
        try redirect(stack, choice: "decline")
    }

    /// Hold two seats of the first free slot, open a sandbox session, then `choice`.
    private static func redirect(_ stack: StackEndpoints, choice: String) throws -> String {
        let availability = try LoopbackHTTP.get("\(stack.service)/api/availability?restaurant=jipbap").json
        let slots = availability["slots"] as? [[String: Any]] ?? []
        guard let slot = slots.first(where: { ($0["seatsLeft"] as? Int ?? 0) >= 2 })?["slotId"] as? String else {
            throw LoopbackHTTP.Failure(description: "no free slot: \(availability)")
        }
        let hold = try stack.hold(slot: slot, partySize: 2, guest: choice)
        guard hold.status == 201, let orderId = hold.json["orderId"] as? String, let amount = hold.json["amount"] as? Int else {
            throw LoopbackHTTP.Failure(description: "hold refused: \(hold.status) \(hold.text)")
        }
        let session = try LoopbackHTTP.send("POST", "\(stack.sandbox)/__sandbox/sessions", json: [
            "clientKey": widgetClient, "customerKey": hold.json["customerKey"] as? String ?? "", "orderId": orderId,
            "orderName": hold.json["orderName"] as? String ?? "예약", "amount": amount,
            "successUrl": "\(stack.service)/restaurant/confirm/success/", "failUrl": "\(stack.service)/restaurant/confirm/failed/",
        ])
        guard let sessionId = session.json["sessionId"] as? String else {
            throw LoopbackHTTP.Failure(description: "no sandbox session: \(session.text)")
        }
        let played = try LoopbackHTTP.send("POST", "\(stack.sandbox)/__sandbox/sessions/\(sessionId)/\(choice)", json: [String: Any]())
        guard let redirect = played.json["redirectUrl"] as? String else {
            throw LoopbackHTTP.Failure(description: "no redirect: \(played.text)")
        }
        return redirect
    }
}
