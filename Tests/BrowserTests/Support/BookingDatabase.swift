import Foundation
import TestSupport

/// The service's SQLite file read with the `sqlite3` command, as an operator would: what the
/// tests assert is what is on disk, not what the service says about itself.
struct BookingDatabase {
    let path: String

    /// Rows of a read-only query, as JSON objects (`sqlite3 -json`).
    func rows(_ sql: String) throws -> [[String: Any]] {
        let result = try ChildProcess.run(URL(fileURLWithPath: try RequiredTool.sqlite3),
                                          ["-readonly", "-json", path, sql], timeout: 30)
        guard result.status == 0 else {
            throw RequiredTool.Missing(description: "sqlite3 failed (\(result.status)): \(result.standardError)")
        }
        let text = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [] }
        return (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
    }

    /// The booking with this order id (state, amount, party_size, paid_at, ...), if any.
    func booking(_ orderId: String) throws -> [String: Any]? {
        try rows("SELECT * FROM bookings WHERE order_id = '\(orderId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })'").first
    }

    /// How many bookings the database holds in all.
    func bookingCount() throws -> Int {
        try rows("SELECT count(*) AS n FROM bookings").first?["n"] as? Int ?? -1
    }

    /// The slot's deposit per person and largest party, from the synced inventory.
    func slot(_ slotId: String) throws -> [String: Any]? {
        try rows("SELECT * FROM slots WHERE slot_id = '\(slotId.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" })'").first
    }
}
