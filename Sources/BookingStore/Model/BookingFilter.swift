import Foundation

/// Which bookings staff want to list. Every field left nil matches everything.
package struct BookingFilter: Sendable, Hashable {
    package var restaurant: String?
    /// Slot start on or after this instant.
    package var startsFrom: Date?
    /// Slot start strictly before this instant.
    package var startsBefore: Date?
    /// Effective states (a lapsed READY hold is EXPIRED here).
    package var states: Set<BookingState>?
    /// The clock used to tell live holds from lapsed ones.
    package var now: Date

    package init(
        restaurant: String? = nil, startsFrom: Date? = nil, startsBefore: Date? = nil,
        states: Set<BookingState>? = nil, now: Date
    ) {
        self.restaurant = restaurant
        self.startsFrom = startsFrom
        self.startsBefore = startsBefore
        self.states = states
        self.now = now
    }
}
