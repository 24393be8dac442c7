import Foundation

extension SQLiteBookingStore: NotificationOutbox {
    package func dueNotifications(now: Date, limit: Int) async throws -> [DueNotification] {
        try readers.read { try Outbox.due($0, now: now, limit: limit) }
    }

    package func recordDelivery(sequence: Int64, result: DeliveryResult, at: Date) async throws {
        try await writer.write { try Outbox.recordDelivery($0, sequence: sequence, result: result, at: at) }
    }

    package func notifications(pendingOnly: Bool, limit: Int) async throws -> [NotificationEvent] {
        try readers.read { try Outbox.list($0, pendingOnly: pendingOnly, limit: limit) }
    }

    package func retryNotifications(eventIds: [String], now: Date) async throws -> Int {
        try await writer.write { try Outbox.retry($0, eventIds: eventIds, now: now) }
    }
}
