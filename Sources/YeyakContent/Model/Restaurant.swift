import Foundation

/// One restaurant file (`content/restaurants/SLUG.json`), validated and with its slots expanded.
public struct Restaurant: Sendable {
    /// From the file name: `restaurants/jipbap.json` -> `jipbap`. Used in URLs and slot ids.
    public var slug: String
    public var name: String
    public var category: String?
    public var description: String
    public var address: String
    public var phone: String
    public var images: [RestaurantImage]
    public var kind: ReservationKind
    public var refundPolicy: RefundPolicy
    public var tables: [Table]
    public var weeklyRules: [WeeklyRule]
    public var slotOverrides: [SlotOverride]
    /// Every slot the rules and overrides produce, sorted by start then table.
    public var slots: [Slot]

    public func table(_ id: String) -> Table? { tables.first { $0.id == id } }

    /// Slots that start after `now`: what guests may still book.
    public func upcomingSlots(after now: Date) -> [Slot] { slots.filter { $0.startsAt > now } }
}

public struct RestaurantImage: Sendable, Equatable {
    /// A path relative to the content or templates folder, or an absolute https URL.
    public var src: String
    public var alt: String
}

/// A kind of table a guest can book (e.g. "창가 2인석"); a slot sells seats at it.
public struct Table: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Seats at one table: the largest party this table takes.
    public var seats: Int
    /// The deposit per person in KRW.
    public var depositPerPerson: Int
}

/// The Fair Trade Commission standard caps the no-show penalty by kind of restaurant.
public enum ReservationKind: String, Sendable, CaseIterable {
    /// Most restaurants: penalty at most 20% of the deposit.
    case standard
    /// Reservation-based dining (omakase, fine dining): at most 40%.
    case premium

    public var maxPenaltyPercent: Int { self == .standard ? 20 : 40 }
}
