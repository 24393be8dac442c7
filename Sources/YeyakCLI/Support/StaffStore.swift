import BookingStore
import Foundation

/// The database a staff command (`yeyak bookings`, `yeyak notifications`, `yeyak check --db`)
/// works on: a SQLite file that must exist (a typo must not create an empty one), or a
/// `postgres://` URL, the database several `yeyak serve` instances share.
enum StaffStore {
    static func open(_ location: String, connections: Int = 2) throws -> any ServiceBookingStore {
        if !PostgresBookingStore.isURL(location), !FileManager.default.fileExists(atPath: location) {
            throw CommandFailure("database '\(location)' does not exist")
        }
        do {
            return try BookingStores.open(location, sqlite: .init(readConnections: 1), connections: connections)
        } catch let error as BookingStoreError {
            throw CommandFailure("cannot open database '\(PostgresBookingStore.redacted(location))': \(error)")
        }
    }
}
