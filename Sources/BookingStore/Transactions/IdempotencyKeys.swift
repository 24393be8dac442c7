import Foundation

/// One Idempotency-Key per order and operation, generated once and kept, so a retry after a
/// crash or a timeout sends Toss the same key.
enum IdempotencyKeys {
    static func stored(_ db: any StoreConnection, orderId: String, operation: PaymentOperation) throws -> String? {
        try db.row("SELECT key FROM idempotency_keys WHERE order_id = ?1 AND operation = ?2",
                   [.text(orderId), .text(operation.rawValue)]) { $0.text(0) }
    }

    /// Forgets the key of one operation, so the next attempt is made under a new one: Toss
    /// replays whatever it stored under the old key (an error too) for 15 days.
    static func drop(_ db: any StoreConnection, orderId: String, operation: PaymentOperation) throws {
        try db.run("DELETE FROM idempotency_keys WHERE order_id = ?1 AND operation = ?2",
                   [.text(orderId), .text(operation.rawValue)])
    }

    /// Inserts a fresh key made at `now` unless one exists; whoever inserted first wins and
    /// everyone gets it.
    static func storeOnce(
        _ db: any StoreConnection, orderId: String, operation: PaymentOperation, now: Date
    ) throws -> String {
        try db.run(
            """
            INSERT INTO idempotency_keys (order_id, operation, key, created_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (order_id, operation) DO NOTHING
            """,
            [.text(orderId), .text(operation.rawValue), .text(UUID().uuidString.lowercased()), .date(now)])
        guard let key = try stored(db, orderId: orderId, operation: operation) else {
            throw BookingStoreError.unknownOrder(orderId)
        }
        return key
    }
}
