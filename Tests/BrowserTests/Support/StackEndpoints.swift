import Foundation

/// Where a running Yeyak is reached: the pages' origin, the service's origin (the same one unless
/// the pages live elsewhere), the Toss sandbox and the database file. The calls here are the
/// test's own side channel (API, sandbox admin, SQLite), never the guest's.
struct StackEndpoints: Sendable {
    let site: String
    let service: String
    let sandbox: String
    let databasePath: String

    var database: BookingDatabase { BookingDatabase(path: databasePath) }

    /// Seats left in one slot, from `GET /api/availability` (no browser cache in between).
    func seatsLeft(restaurant: String, slot: String) throws -> Int {
        let reply = try LoopbackHTTP.get("\(service)/api/availability?restaurant=\(restaurant)")
        let slots = reply.json["slots"] as? [[String: Any]] ?? []
        guard let seats = slots.first(where: { $0["slotId"] as? String == slot })?["seatsLeft"] as? Int else {
            throw WebDriver.Timeout(description: "slot \(slot) not in availability: \(reply.text.prefix(300))")
        }
        return seats
    }

    /// Holds seats as another guest would (no Origin header: not a browser).
    func hold(slot: String, partySize: Int, guest: String) throws -> LoopbackHTTP.Reply {
        try LoopbackHTTP.send("POST", "\(service)/api/reservations", json: [
            "slotId": slot, "partySize": partySize, "customerKey": "guest-\(guest)-\(UUID().uuidString.prefix(12))",
            "name": "다른 손님", "phone": "010-2222-3333", "comment": "",
        ])
    }

    /// The sandbox's confirm log for an order: `confirmCalls`, `appliedConfirms`, ...
    func confirmLog(orderId: String) throws -> [String: Any] {
        try LoopbackHTTP.get("\(sandbox)/__sandbox/log?orderId=\(orderId)").json
    }
}
