import Foundation

extension SQLiteBookingStore {
    package func availability(restaurant: String, now: Date) async throws -> [SlotAvailability] {
        try readers.read { try BookingReads.availability($0, restaurant: restaurant, now: now) }
    }

    package func availability(slotId: String, now: Date) async throws -> SlotAvailability? {
        try readers.read { try BookingRecords.slot($0, slotId: slotId, now: now) }
    }

    package func booking(orderId: String, now: Date) async throws -> Booking? {
        try readers.read { try BookingRecords.booking($0, orderId: orderId, now: now)?.booking }
    }

    package func booking(code: String, now: Date) async throws -> Booking? {
        try readers.read { try BookingRecords.booking($0, code: code, now: now)?.booking }
    }

    package func bookings(_ filter: BookingFilter) async throws -> [Booking] {
        try readers.read { try BookingReads.bookings($0, filter) }
    }

    package func unsettled(now: Date) async throws -> [Booking] {
        try readers.read { try BookingReads.unsettled($0, now: now) }
    }

    package func stateCounts(now: Date) async throws -> [BookingState: Int] {
        try readers.read { try BookingReads.stateCounts($0, now: now) }
    }
}
