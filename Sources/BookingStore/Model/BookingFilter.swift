import Foundation

/// Which bookings staff want to list. Every field left nil matches everything.
public struct BookingFilter: Sendable, Hashable {
    public var restaurant: String?
    /// Slot start on or after this instant.
    public var startsFrom: Date?
    /// Slot start strictly before this instant.
    public var startsBefore: Date?
    /// Effective states (a lapsed READY hold is EXPIRED here).
    public var states: Set<BookingState>?
    /// The clock used to tell live holds from lapsed ones.
    public var now: Date

    public init(
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
