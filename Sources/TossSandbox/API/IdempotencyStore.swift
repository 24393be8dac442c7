import Foundation

/// First responses by `Idempotency-Key`, matched with the secret key, method and path as Toss does,
/// so a retried confirm or cancel gets the original answer (even an error, including an injected
/// 500 or `PROVIDER_ERROR`) and is not applied twice.
struct IdempotencyStore {
    struct Stored {
        var status: Int
        var body: String
        /// The error code of a stored error answer (for the confirm log); nil for a success.
        var code: String?
        var storedAt: Date
    }

    var lifetime: TimeInterval

    init(lifetime: TimeInterval = 15 * 24 * 3600) { self.lifetime = lifetime }
    private var entries: [String: Stored] = [:]

    static func key(secret: String, method: String, path: String, idempotencyKey: String) -> String {
        [secret, method, path, idempotencyKey].joined(separator: "\n")
    }

    func lookup(_ key: String, now: Date) -> Stored? {
        guard let stored = entries[key], now.timeIntervalSince(stored.storedAt) <= lifetime else { return nil }
        return stored
    }

    mutating func store(_ key: String, status: Int, body: String, code: String? = nil, now: Date) {
        entries[key] = Stored(status: status, body: body, code: code, storedAt: now)
        if entries.count % 4096 == 0 { entries = entries.filter { now.timeIntervalSince($0.value.storedAt) <= lifetime } }
    }
}
