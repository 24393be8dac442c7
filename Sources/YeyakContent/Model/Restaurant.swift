import Foundation

/// One restaurant file (`content/restaurants/SLUG.json`), validated and with its slots expanded.
package struct Restaurant: Sendable {
    /// From the file name: `restaurants/jipbap.json` -> `jipbap`. Used in URLs and slot ids.
    package var slug: String
    package var name: String
    package var category: String?
    package var description: String
    package var address: String
    package var phone: String
    package var images: [RestaurantImage]
    package var kind: ReservationKind
    package var refundPolicy: RefundPolicy
    package var tables: [Table]
    package var weeklyRules: [WeeklyRule]
    package var slotOverrides: [SlotOverride]
    /// Every slot the rules and overrides produce, sorted by start then table.
    package var slots: [Slot]
    /// Where this restaurant's booking notifications go (its own system or a messaging relay),
    /// instead of `yeyak serve --notify-url`. Signed with the service's secret, which never
    /// comes from content.
    package var notifyURL: URL? = nil

    package func table(_ id: String) -> Table? { tables.first { $0.id == id } }

    /// Slots that start after `now`: what guests may still book.
    package func upcomingSlots(after now: Date) -> [Slot] { slots.filter { $0.startsAt > now } }
}

package struct RestaurantImage: Sendable, Equatable {
    /// A path relative to the content or templates folder, or an absolute https URL.
    package var src: String
    package var alt: String
}

/// A kind of table a guest can book (e.g. "창가 2인석"); a slot sells seats at it.
package struct Table: Sendable, Equatable {
    package var id: String
    package var name: String
    /// Seats at one table: the largest party this table takes.
    package var seats: Int
    /// The deposit per person in KRW.
    package var depositPerPerson: Int
    /// The id this table had before (`"renamedFrom": "drum2"`): its upcoming slots' bookings
    /// move to this table's slots at the same starts instead of being sold again.
    package var renamedFrom: String? = nil
}

/// The Fair Trade Commission standard caps the no-show penalty by kind of restaurant.
package enum ReservationKind: String, Sendable, CaseIterable {
    /// Most restaurants: penalty at most 20% of the deposit.
    case standard
    /// Reservation-based dining (omakase, fine dining): at most 40%.
    case premium

    package var maxPenaltyPercent: Int { self == .standard ? 20 : 40 }
}
