import BookingService
import BookingStore
import Foundation
import TossClient
import YeyakContent
import JSON

/// `yeyak bookings list|today|show|cancel`: what staff need at the counter, straight from the
/// database (safe while `yeyak serve` runs: SQLite in WAL mode).
enum BookingsCommand {
    static let command = Command(
        name: "bookings", summary: "List, show and cancel bookings; the host stand's day (staff).",
        discussion: """
            yeyak bookings list [--restaurant SLUG] [--date YYYY-MM-DD] [--status PAID,READY,...] [--format table|csv|json]
            yeyak bookings today [--restaurant SLUG] [--date YYYY-MM-DD] [--html FILE]
              the host stand's sheet: per restaurant, by time, party size, name, phone, 요청 사항,
              table and state (today in the restaurant's zone unless --date); --html also writes
              it as a printable A4 page
            yeyak bookings show ORDER
            yeyak bookings cancel ORDER --reason TEXT [--refund policy|full|AMOUNT] [--yes]
              ORDER is the order id or the booking code the guest reads out (K7QX-2M9P, any case)
              shows the refund and asks before Toss is called; --refund full when the restaurant
              cancels, policy (the default) applies the restaurant's refund policy at this moment
            """,
        arguments: [ArgumentSpec("ACTION", "list, today, show or cancel"),
                    ArgumentSpec("ORDER", "The order id or the booking code (K7QX-2M9P); an id starting with '-' works as it is.", optional: true)],
        options: [
            StaffDatabase.option,
            .value("--content", "DIR", "The content folder (names, refund policies).", default: "content"),
            .value("--restaurant", "SLUG", "Only this restaurant."),
            .value("--date", "YYYY-MM-DD", "Only bookings for this day (restaurant time)."),
            .value("--status", "STATES", "Only these states, comma-separated (READY, CONFIRMING, PAID, FAILED, EXPIRED, CANCELLING, CANCELLED, NEEDS_ATTENTION)."),
            .value("--format", "FORMAT", "For list: table, csv (UTF-8 with BOM, for spreadsheets) or json.", default: "table"),
            .value("--html", "FILE", "For today: also write the sheet as a printable HTML page."),
            .value("--reason", "TEXT", "Why the booking is cancelled (sent to Toss, at most 200 characters)."),
            .value("--env-file", "FILE", "KEY=VALUE file with TOSS_SECRET_KEY, for cancel."),
            .value("--refund", "HOW", "For cancel: policy (the restaurant's policy now), full, or an amount in KRW.", default: "policy"),
            .flag("--yes", "For cancel: do not ask before refunding (needed when there is no terminal to answer)."),
        ]
    ) { arguments in
        let action = arguments.positionals[0]
        let order = arguments.positionals.count > 1 ? orderId(arguments.positionals[1]) : nil
        switch action {
        case "list":
            if order != nil { throw UsageError("list takes no ORDER") }
            return try await list(arguments)
        case "today":
            if order != nil { throw UsageError("today takes no ORDER") }
            return try await today(arguments)
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
            throw UsageError("unknown action '\(action)'; use list, today, show or cancel")
        }
    }

    static func openStore(_ arguments: ParsedArguments) throws -> any ServiceBookingStore {
        try StaffStore.open(try StaffDatabase.path(arguments))
    }

    /// An order id as staff paste it: from the CSV, whose formula guard put an apostrophe
    /// before an id starting with '-' (`BookingCSV`), the apostrophe is dropped.
    static func orderId(_ text: String) -> String {
        text.hasPrefix("'-") ? String(text.dropFirst()) : text
    }

    static func day(_ arguments: ParsedArguments) throws -> LocalDate? {
        guard let text = arguments.value("--date") else { return nil }
        guard let day = LocalDate(iso: text) else { throw UsageError("--date must be YYYY-MM-DD, not '\(text)'") }
        return day
    }

    /// `day`'s bookings in `zone`: midnight to midnight on the restaurant's wall clock.
    static func restrict(_ filter: inout BookingFilter, to day: LocalDate, in zone: TimeZone) {
        let midnight = LocalTime(hour: 0, minute: 0)!
        filter.startsFrom = LocalDateTime(date: day, time: midnight).instant(in: zone)
        filter.startsBefore = LocalDateTime(date: day.adding(days: 1), time: midnight).instant(in: zone)
    }

    static func restaurant(_ arguments: ParsedArguments, in content: SiteContent) throws -> String? {
        guard let slug = arguments.value("--restaurant") else { return nil }
        guard content.restaurant(slug) != nil else {
            throw UsageError("--restaurant '\(slug)' is not in the content; restaurants: \(content.restaurants.map(\.slug).joined(separator: ", "))")
        }
        return slug
    }

    static func list(_ arguments: ParsedArguments) async throws -> Int32 {
        let content = try loadContent(arguments.value("--content")!)
        var filter = BookingFilter(now: Date())
        filter.restaurant = arguments.value("--restaurant")
        if let day = try day(arguments) { restrict(&filter, to: day, in: content.site.timeZone) }
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
        case "csv": print(BookingCSV.document(rows), terminator: "")
        case "json": print(JSONValue.array(rows.map(\.json)).text)
        default: print(BookingRow.table(rows))
        }
        return 0
    }

    /// The host stand's sheet for one day (today in the restaurant's zone by default).
    static func today(_ arguments: ParsedArguments) async throws -> Int32 {
        let content = try loadContent(arguments.value("--content")!)
        let zone = content.site.timeZone
        let now = Date()
        let day = try day(arguments) ?? LocalDateTime(now, in: zone).date
        let only = try restaurant(arguments, in: content)
        var filter = BookingFilter(restaurant: only, states: HostStandSheet.shownStates, now: now)
        restrict(&filter, to: day, in: zone)
        let store = try openStore(arguments)
        defer { store.close() }
        let rows = try await store.bookings(filter).map { BookingRow($0, content: content) }
        let sheet = HostStandSheet(day: day, bookings: rows, content: content, only: only)
        print(sheet.terminal)
        if let file = arguments.value("--html") {
            let made = LocalDateTime(now, in: zone)
            let page = HostStandPage.html(sheet, madeAt: KoreanFormat.dateTime(made))
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw CommandFailure("cannot write --html '\(file)': \(error.localizedDescription)")
            }
            print("\nwrote \(file) (print it on A4)")
        }
        return 0
    }

    static func show(_ orderId: String, _ arguments: ParsedArguments) async throws -> Int32 {
        let content = try loadContent(arguments.value("--content")!)
        let store = try openStore(arguments)
        defer { store.close() }
        guard let booking = try await Bookings.staffLookup(orderId, in: store, now: Date()) else {
            throw CommandFailure("no booking with order id or code '\(UntrustedText.visible(orderId))'")
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

    static func cancel(_ given: String, reason: String, refund: RefundChoice, _ arguments: ParsedArguments) async throws -> Int32 {
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
        var orderId = UntrustedText.visible(given)
        do {
            let (booking, amount) = try await bookings.refundPreview(orderId: given, refund: refund)
            orderId = booking.orderId
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
