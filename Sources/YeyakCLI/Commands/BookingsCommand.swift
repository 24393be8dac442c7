import BookingService
import BookingStore
import Foundation
import TossClient
import YeyakContent
import JSON

/// `yeyak bookings list|show|cancel`: what staff need at the counter, straight from the
/// database (safe while `yeyak serve` runs: SQLite in WAL mode).
enum BookingsCommand {
    static let command = Command(
        name: "bookings", summary: "List, show and cancel bookings (staff).",
        discussion: """
            yeyak bookings list [--restaurant SLUG] [--date YYYY-MM-DD] [--status PAID,READY,...] [--format table|csv|json]
            yeyak bookings show ORDER
            yeyak bookings cancel ORDER --reason TEXT [--refund policy|full|AMOUNT] [--yes]
              shows the refund and asks before Toss is called; --refund full when the restaurant
              cancels, policy (the default) applies the restaurant's refund policy at this moment
            """,
        arguments: [ArgumentSpec("ACTION", "list, show or cancel"), ArgumentSpec("ORDER", "The booking number (orderId).", optional: true)],
        options: [
            .value("--db", "FILE|URL", "The SQLite database, or the postgres:// URL of a shared PostgreSQL database.", default: "data/yeyak.sqlite"),
            .value("--content", "DIR", "The content folder (names, refund policies).", default: "content"),
            .value("--restaurant", "SLUG", "Only this restaurant."),
            .value("--date", "YYYY-MM-DD", "Only bookings for this day (restaurant time)."),
            .value("--status", "STATES", "Only these states, comma-separated (READY, CONFIRMING, PAID, FAILED, EXPIRED, CANCELLING, CANCELLED, NEEDS_ATTENTION)."),
            .value("--format", "FORMAT", "table, csv or json.", default: "table"),
            .value("--reason", "TEXT", "Why the booking is cancelled (sent to Toss, at most 200 characters)."),
            .value("--env-file", "FILE", "KEY=VALUE file with TOSS_SECRET_KEY, for cancel."),
            .value("--refund", "HOW", "For cancel: policy (the restaurant's policy now), full, or an amount in KRW.", default: "policy"),
            .flag("--yes", "For cancel: do not ask before refunding (needed when there is no terminal to answer)."),
        ]
    ) { arguments in
        let action = arguments.positionals[0]
        let order = arguments.positionals.count > 1 ? arguments.positionals[1] : nil
        switch action {
        case "list":
            if order != nil { throw UsageError("list takes no ORDER") }
            return try await list(arguments)
        case "show":
            guard let order else { throw UsageError("show needs ORDER") }
            return try await show(order, arguments)
        case "cancel":
            guard let order else { throw UsageError("cancel needs ORDER") }
            guard let reason = arguments.value("--reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError("cancel needs --reason TEXT")
            }
            return try await cancel(order, reason: reason, refund: try refundChoice(arguments.value("--refund")!), arguments)
        default:
            throw UsageError("unknown action '\(action)'; use list, show or cancel")
        }
    }

    static func openStore(_ arguments: ParsedArguments) throws -> any ServiceBookingStore {
        try StaffStore.open(arguments.value("--db")!)
    }

    static func list(_ arguments: ParsedArguments) async throws -> Int32 {
        let content = try loadContent(arguments.value("--content")!)
        let zone = content.site.timeZone
        var filter = BookingFilter(now: Date())
        filter.restaurant = arguments.value("--restaurant")
        if let text = arguments.value("--date") {
            guard let day = LocalDate(iso: text) else { throw UsageError("--date must be YYYY-MM-DD, not '\(text)'") }
            filter.startsFrom = LocalDateTime(date: day, time: LocalTime(hour: 0, minute: 0)!).instant(in: zone)
            filter.startsBefore = LocalDateTime(date: day.adding(days: 1), time: LocalTime(hour: 0, minute: 0)!).instant(in: zone)
        }
        if let text = arguments.value("--status") {
            var states = Set<BookingState>()
            for name in text.split(separator: ",") {
                guard let state = BookingState(rawValue: name.uppercased()) else { throw UsageError("unknown --status '\(name)'") }
                states.insert(state)
            }
            filter.states = states
        }
        let format = arguments.value("--format")!
        guard ["table", "csv", "json"].contains(format) else { throw UsageError("--format must be table, csv or json") }
        let store = try openStore(arguments)
        defer { store.close() }
        let bookings = try await store.bookings(filter)
        let rows = bookings.map { BookingRow($0, content: content) }
        switch format {
        case "csv": print(BookingRow.csv(rows), terminator: "")
        case "json": print(JSONValue.array(rows.map(\.json)).text)
        default: print(BookingRow.table(rows))
        }
        return 0
    }

    static func show(_ orderId: String, _ arguments: ParsedArguments) async throws -> Int32 {
        let content = try loadContent(arguments.value("--content")!)
        let store = try openStore(arguments)
        defer { store.close() }
        guard let booking = try await store.booking(orderId: orderId, now: Date()) else {
            throw CommandFailure("no booking '\(orderId)'")
        }
        let row = BookingRow(booking, content: content)
        for (label, value) in row.details {
            print("\(label.padding(toLength: 14, withPad: " ", startingAt: 0))\(UntrustedText.visible(value))")
        }
        return 0
    }

    static func refundChoice(_ text: String) throws -> RefundChoice {
        switch text {
        case "policy": return .policy
        case "full": return .full
        default:
            let digits = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "원", with: "")
            guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let amount = Int(digits), amount > 0 else {
                throw UsageError("--refund takes policy, full or an amount in KRW (e.g. 10000), not '\(text)'")
            }
            return .amount(amount)
        }
    }

    static func cancel(_ orderId: String, reason: String, refund: RefundChoice, _ arguments: ParsedArguments) async throws -> Int32 {
        var environment = ProcessInfo.processInfo.environment
        if let file = arguments.value("--env-file") {
            environment.merge(try EnvironmentFile.load(file, publishedFolders: ["output", arguments.value("--content")!])) { current, _ in current }
        }
        guard let toss = try tossConfiguration(environment) else {
            throw CommandFailure("TOSS_SECRET_KEY is not set; the refund goes through Toss (set it or use --env-file)")
        }
        let content = try loadContent(arguments.value("--content")!)
        let store = try openStore(arguments)
        defer { store.close() }
        let bookings = Bookings(content: content, store: store, toss: TossClient(configuration: toss))
        do {
            let (booking, amount) = try await bookings.refundPreview(orderId: orderId, refund: refund)
            let row = BookingRow(booking, content: content)
            let what = booking.state == .cancelling
                ? "settle the refund of \(KoreanFormat.won(amount)) already recorded (asked of Toss before; --refund does not change it)"
                : booking.state == .paid
                ? "refund \(KoreanFormat.won(amount)) of \(KoreanFormat.won(booking.amount))" + (refund == .policy && amount < booking.amount ? " (policy; --refund full refunds everything)" : "")
                : "release the hold (nothing was paid)"
            print("\(orderId): \(row.restaurantName) \(row.when), \(booking.partySize) guests, \(booking.state.rawValue)")
            print("Cancel and \(what)?")
            if !arguments.has("--yes") {
                guard isatty(STDIN_FILENO) != 0 else {
                    throw CommandFailure("not cancelled: pass --yes to confirm without a terminal")
                }
                print("Type yes to go on: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    print("Not cancelled.")
                    return 1
                }
            }
            let cancelled = try await bookings.cancel(orderId: orderId, reason: reason, refund: refund)
            if cancelled.state == .cancelling {
                print("\(orderId): CANCELLING, the refund of \(KoreanFormat.won(cancelled.refundAmount ?? amount)) is recorded; Toss has not shown it yet, and the running service's reconciler settles it")
                return 1
            }
            let refunded = cancelled.refundAmount.map { ", refunded \(KoreanFormat.won($0))" } ?? ""
            print("\(orderId): \(cancelled.state.rawValue)\(refunded)")
            return 0
        } catch let error as BookingError {
            throw CommandFailure("\(orderId): \(error.message) (\(error.code))")
        }
    }
}

/// One booking as staff read it.
struct BookingRow {
    let booking: Booking
    let restaurantName: String
    let when: String
    let phone: String

    init(_ booking: Booking, content: SiteContent) {
        self.booking = booking
        restaurantName = content.restaurant(booking.restaurant)?.name ?? booking.restaurant
        when = KoreanFormat.dateTime(booking.startsAt, in: content.site.timeZone)
        phone = PhoneNumber(booking.phone)?.description ?? booking.phone
    }

    static let headers = ["orderId", "state", "restaurant", "when", "party", "amount", "name", "phone", "paidAt", "refund"]

    var fields: [String] {
        [booking.orderId, booking.state.rawValue, restaurantName, when, "\(booking.partySize)", KoreanFormat.won(booking.amount),
         booking.guestName, phone, booking.paidAt.map { JSONTimestamp.format($0, zone: TimeZone(identifier: "Asia/Seoul")!) } ?? "",
         booking.refundAmount.map(KoreanFormat.won) ?? ""]
    }

    var json: JSONValue {
        var object: JSONValue = [
            "orderId": .string(booking.orderId), "state": .string(booking.state.rawValue), "restaurant": .string(booking.restaurant),
            "slotId": .string(booking.slotId), "startsAt": .string(JSONTimestamp.format(booking.startsAt, zone: TimeZone(identifier: "Asia/Seoul")!)),
            "partySize": .int(booking.partySize), "amount": .int(booking.amount), "name": .string(booking.guestName),
            "phone": .string(booking.phone), "comment": .string(booking.comment),
        ]
        if let paidAt = booking.paidAt { object.set("paidAt", .string(JSONTimestamp.format(paidAt, zone: TimeZone(identifier: "Asia/Seoul")!))) }
        if let refund = booking.refundAmount { object.set("refundAmount", .int(refund)) }
        if let reason = booking.attentionReason { object.set("attentionReason", .string(reason)) }
        if let code = booking.failureCode { object.set("failureCode", .string(code)) }
        return object
    }

    var details: [(String, String)] {
        var lines = zip(Self.headers, fields).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
        lines.append(("slot", booking.slotId))
        if !booking.comment.isEmpty { lines.append(("comment", booking.comment)) }
        if let key = booking.paymentKey { lines.append(("paymentKey", key)) }
        if let receipt = booking.receiptURL { lines.append(("receipt", receipt)) }
        if let code = booking.failureCode { lines.append(("failure", "\(code) \(booking.failureMessage ?? "")")) }
        if let reason = booking.attentionReason { lines.append(("attention", reason)) }
        return lines
    }

    static func table(_ rows: [BookingRow]) -> String {
        let columns = [0, 1, 2, 3, 4, 5, 6, 7]
        let cells = [columns.map { headers[$0] }] + rows.map { row in columns.map { UntrustedText.visible(row.fields[$0]) } }
        let widths = columns.indices.map { index in cells.map { displayWidth($0[index]) }.max() ?? 0 }
        var lines = cells.map { line in
            line.enumerated().map { index, cell in cell + String(repeating: " ", count: widths[index] - displayWidth(cell)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        lines.append("\(rows.count) booking\(rows.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }

    /// Hangul and other wide characters take two columns in a terminal.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }

    /// RFC 4180, and guest-typed cells that a spreadsheet would run as a formula are defused.
    static func csv(_ rows: [BookingRow]) -> String {
        func cell(_ text: String) -> String {
            var value = text
            if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            if value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r") {
                value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        return ([headers] + rows.map(\.fields)).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
