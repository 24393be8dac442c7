import BookingStore
import Foundation

/// `yeyak notifications list|retry`: the outbox and its delivery log, for staff (safe while
/// `yeyak serve` runs; its delivery worker picks up what is retried within a second).
enum NotificationsCommand {
    static let command = Command(
        name: "notifications", summary: "List booking notifications and their delivery; retry failed ones (staff).",
        discussion: """
            yeyak notifications list [--pending] [--limit N]
            yeyak notifications retry [EVENT_ID]
              makes the event (every undelivered one when none is named) due now, including those
              whose retries ran out after three days
            """,
        arguments: [ArgumentSpec("ACTION", "list or retry"), ArgumentSpec("EVENT_ID", "An event id, for retry.", optional: true)],
        options: [
            StaffDatabase.option,
            .flag("--pending", "For list: only events not delivered yet."),
            .value("--limit", "N", "For list: at most this many, newest first.", default: "50"),
        ]
    ) { arguments in
        let action = arguments.positionals[0]
        let path = try StaffDatabase.path(arguments)
        switch action {
        case "list":
            guard arguments.positionals.count == 1 else { throw UsageError("list takes no EVENT_ID") }
            let limit = try arguments.integer("--limit", in: 1...100_000)!
            let store = try StaffStore.open(path)
            defer { store.close() }
            print(table(try await store.notifications(pendingOnly: arguments.has("--pending"), limit: limit)))
            return 0
        case "retry":
            let store = try StaffStore.open(path)
            defer { store.close() }
            let ids = Array(arguments.positionals.dropFirst())
            let count = try await store.retryNotifications(eventIds: ids, now: Date())
            print("\(count)건의 알림을 다시 보냅니다.")
            if !ids.isEmpty && count < ids.count {
                print("\(ids.count - count)건은 다시 보내지 않습니다: 이미 전달되었거나, 같은 예약의 더 나중 알림이 이미 전달되었습니다 (순서가 뒤바뀐 알림은 보내지 않습니다).")
            }
            return ids.isEmpty || count == ids.count ? 0 : 1
        default:
            throw UsageError("unknown action '\(action)'; use list or retry")
        }
    }

    static func table(_ events: [NotificationEvent]) -> String {
        guard !events.isEmpty else { return "알림이 없습니다." }
        let header = ["이벤트", "종류", "예약번호", "생성", "시도", "마지막 결과", "상태"]
        let rows = events.map { event -> [String] in
            let status = event.deliveredAt != nil ? "전달됨" : event.gaveUpAt != nil ? "포기 (retry 가능)" : "대기"
            return [event.eventId, event.kind.rawValue, event.orderId, ISO8601DateFormatter().string(from: event.createdAt),
                    "\(event.attempts)", event.lastStatus ?? "-", status]
        }
        return TerminalTable.render(header: header, rows: rows).joined(separator: "\n")
    }
}
