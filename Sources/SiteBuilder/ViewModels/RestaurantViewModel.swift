import Mustache
import YeyakContent

/// Everything the restaurant, booking and list pages show about one restaurant, preformatted
/// ("10,000원", "12월 20일 (토)", "오후 6:00") so templates only place text.
package struct RestaurantViewModel {
    let restaurant: Restaurant
    /// Slots still bookable at build time, sorted by start then table.
    let upcoming: [Slot]
    private var labels = LabelCache()
    /// `tables()` and `days`, the same on both of the restaurant's pages, so built once for both.
    private var builtTables: MustacheValue?
    private var builtDays: MustacheValue?

    init(_ restaurant: Restaurant, upcoming: [Slot]) {
        self.restaurant = restaurant
        self.upcoming = upcoming
    }

    package static func folder(_ slug: String) -> String { "restaurants/\(slug)/" }
    package static func bookFolder(_ slug: String) -> String { "restaurants/\(slug)/book/" }
    /// Where a guest checks or cancels a booking; the order id follows as the URL fragment.
    package static let manageFolder = "booking/"

    // MARK: - Fields shared by every page

    /// Name, contact, images, tables, deposits and the refund policy.
    mutating func basics(links: PageLinks) -> MustacheObject {
        let r = restaurant
        let deposits = Set(r.tables.map(\.depositPerPerson)).sorted()
        let depositRange = deposits.count > 1
            ? labels.won(deposits.first!) + " ~ " + labels.won(deposits.last!)
            : deposits.first.map { labels.won($0) } ?? ""
        let images: [MustacheValue] = r.images.map { .object(["src": .string(links.file($0.src)), "alt": .string($0.alt)]) }
        var fields: MustacheObject = [
            "slug": .string(r.slug),
            "name": .string(r.name),
            "description": .string(r.description),
            "address": .string(r.address),
            "phone": .string(r.phone),
            "phoneHref": .string("tel:" + r.phone.filter { $0.isNumber || $0 == "+" }),
            "kindLabel": .string(r.kind == .premium ? "예약제 식당 (오마카세·파인다이닝)" : "일반 식당"),
            "refundPolicy": .string(r.refundPolicy.koreanDescription),
            "fullRefundHoursBefore": .int(r.refundPolicy.fullRefundHoursBefore),
            "penaltyPercent": .int(r.refundPolicy.penaltyPercent),
            "href": .string(links.page(Self.folder(r.slug))),
            "bookHref": .string(links.page(Self.bookFolder(r.slug))),
            "images": .list(images),
            "image": images.first ?? .null,
            "depositRange": .string(depositRange),
            "slotCount": .int(upcoming.count),
            "hasSlots": .bool(!upcoming.isEmpty),
        ]
        if let category = r.category { fields["category"] = .string(category) }
        if let first = upcoming.first {
            fields["firstSlot"] = .string(labels.date(first.start.date) + " " + labels.time(first.start.time))
        }
        return fields
    }

    mutating func tables() -> MustacheValue {
        if let builtTables { return builtTables }
        let tables = MustacheValue.list(restaurant.tables.map { table in
            .object([
                "id": .string(table.id),
                "name": .string(table.name),
                "seats": .int(table.seats),
                "seatsLabel": .string("최대 \(table.seats)명"),
                "deposit": .string(labels.won(table.depositPerPerson)),
                "partySizes": partySizes(table),
            ])
        })
        builtTables = tables
        return tables
    }

    /// 1...seats, each with its deposit total: "2명 · 20,000원".
    mutating func partySizes(_ table: Table) -> MustacheValue {
        .list((1...max(1, table.seats)).map { size in
            .object([
                "size": .int(size),
                "label": .string("\(size)명"),
                "total": .string(labels.won(size * table.depositPerPerson)),
            ])
        })
    }

    // MARK: - Pages

    /// The list page's card.
    mutating func summary(links: PageLinks) -> MustacheValue {
        .object(basics(links: links))
    }

    /// The restaurant page: basics, tables and the upcoming slots grouped by date, each linking
    /// to the booking page with `?slot=ID`.
    mutating func detail(links: PageLinks) -> MustacheValue {
        var fields = basics(links: links)
        fields["tables"] = tables()
        fields["days"] = days(indexFile: links.indexFile)
        return .object(fields)
    }

    /// The booking page: basics, tables, the slot choices grouped by date, and the same slots as
    /// script data (`dataJSON`) for the form's script.
    mutating func booking(links: PageLinks, site: Site) -> MustacheValue {
        var fields = basics(links: links)
        fields["tables"] = tables()
        fields["days"] = days(indexFile: links.indexFile)
        let firstTable = upcoming.first.flatMap { restaurant.table($0.tableId) } ?? restaurant.tables.first
        if let firstTable {
            fields["defaultPartySizes"] = partySizes(firstTable)
            fields["defaultTotal"] = .string(labels.won(firstTable.depositPerPerson))
        }
        fields["dataJSON"] = .string(bookingDataJSON(site: site))
        return .object(fields)
    }

    /// Slots grouped by date, built once for both pages. `bookHref` (the booking page with
    /// `?slot=ID`) links from the restaurant page; the booking page's slots have it too.
    private mutating func days(indexFile: String) -> MustacheValue {
        if let builtDays { return builtDays }
        var days: [MustacheValue] = []
        var current: [MustacheValue] = []
        var currentDate: LocalDate?
        let tables = Dictionary(restaurant.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func close(_ date: LocalDate?, _ labels: inout LabelCache) {
            guard let date, !current.isEmpty else { return }
            days.append(.object(["date": .string(labels.date(date)), "isoDate": .string(date.description),
                                 "slots": .list(current)]))
            current = []
        }
        for slot in upcoming {
            guard let table = tables[slot.tableId] else { continue }
            if slot.start.date != currentDate {
                close(currentDate, &labels)
                currentDate = slot.start.date
            }
            let fields: MustacheObject = [
                "id": .string(slot.id),
                "time": .string(labels.time(slot.start.time)),
                "tableName": .string(table.name),
                "capacity": .int(slot.capacity),
                "maxParty": .int(min(table.seats, slot.capacity)),
                "deposit": .string(labels.won(table.depositPerPerson)),
                "startsAt": .int(slot.startMilliseconds),
                "bookHref": .string("book/" + indexFile + "?slot=" + slot.id),
            ]
            current.append(.object(fields))
        }
        close(currentDate, &labels)
        builtDays = .list(days)
        return .list(days)
    }

    /// `{"restaurant": …, "slots": [{id, date, time, tableName, maxParty, deposit, startsAt}]}`, safe
    /// inside `<script type="application/json">`.
    mutating func bookingDataJSON(site: Site) -> String {
        var json = JSONText(capacity: 256 + upcoming.count * 160)
        json.raw("{")
        json.key("restaurant"); json.quoted(restaurant.slug)
        json.raw(","); json.key("restaurantName"); json.quoted(restaurant.name)
        json.raw(","); json.key("refundPolicy"); json.quoted(restaurant.refundPolicy.koreanDescription)
        json.raw(","); json.key("slots"); json.raw("[")
        let tables = Dictionary(restaurant.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var first = true
        for slot in upcoming {
            guard let table = tables[slot.tableId] else { continue }
            if !first { json.raw(",") }
            first = false
            json.raw("{"); json.key("id"); json.quoted(slot.id)
            json.raw(","); json.key("date"); json.quoted(labels.date(slot.start.date))
            json.raw(","); json.key("time"); json.quoted(labels.time(slot.start.time))
            json.raw(","); json.key("tableName"); json.quoted(table.name)
            json.raw(","); json.key("maxParty"); json.number(min(table.seats, slot.capacity))
            json.raw(","); json.key("deposit"); json.number(table.depositPerPerson)
            json.raw(","); json.key("startsAt"); json.number(slot.startMilliseconds)
            json.raw("}")
        }
        json.raw("]}")
        return json.string
    }
}

extension Slot {
    /// The start as milliseconds since 1970 (UTC), what the page scripts compare with `Date.now()`
    /// to stop offering a slot that has started.
    var startMilliseconds: Int { Int((startsAt.timeIntervalSince1970 * 1000).rounded(.down)) }
}
