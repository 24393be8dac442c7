import Foundation

/// A store the service runs on: bookings, the outbox, and a close when the service stops. The
/// service and the staff commands hold `any ServiceBookingStore`, whichever database it is.
package protocol ServiceBookingStore: BookingStore, NotificationOutbox {
    /// Lets queued writes finish, then closes the database.
    func close()
    /// Where the data lives, for messages (a file path, or the URL without its password).
    var location: String { get }
}

extension SQLiteBookingStore: ServiceBookingStore {
    package var location: String { path }
}

extension PostgresBookingStore: ServiceBookingStore {}

/// Opens the store `--db` names: a `postgres://` or `postgresql://` URL is PostgreSQL, anything
/// else a SQLite file path.
package enum BookingStores {
    package static func open(
        _ location: String, sqlite: SQLiteBookingStore.Options = .init(), connections: Int = 8
    ) throws -> any ServiceBookingStore {
        guard PostgresBookingStore.isURL(location) else { return try SQLiteBookingStore(path: location, options: sqlite) }
        let options = PostgresBookingStore.Options(
            clock: .database, connections: connections, maxLiveHoldsPerGuest: sqlite.maxLiveHoldsPerGuest,
            holdLimits: sqlite.holdLimits)
        return try PostgresBookingStore(url: location, options: options)
    }
}
