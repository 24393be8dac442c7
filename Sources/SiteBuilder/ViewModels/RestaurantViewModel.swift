import Mustache
import YeyakContent

/// Everything the restaurant, booking and list pages show about one restaurant, preformatted
/// ("10,000원", "12월 20일 (토)", "오후 6:00") so templates only place text.
package struct RestaurantViewModel {
    let restaurant: Restaurant
    /// Slots still bookable at build time, sorted by start then table.
    let upcoming: [Slot]
    private var labels = LabelCache()

    init(_ restaurant: Restaurant, upcoming: [Slot]) {
        self.restaurant = restaurant
        self.upcoming = upcoming
    }

    package static func folder(_ slug: String) -> String { "restaurants/\(slug)/" }
    package static func bookFolder(_ slug: String) -> String { "restaurants/\(slug)/book/" }
    /// Where a guest checks or cancels a booking; the order id follows as the URL fragment.
    package static let manageFolder = "booking/"
    /// "예약 조회": a booking found by its code and the guest's phone, from any device.
    package static let lookupFolder = "lookup/"

    // MARK: - Fields shared by every page

    /// Name, contact, images, tables, deposits and the refund policy.
    mutating func basics(links: PageLinks) -> [String: MustacheValue] {
        let r = restaurant
        let deposits = Set(r.tables.map(\.depositPerPerson)).sorted()
        let depositRange = deposits.count > 1
            ? labels.won(deposits.first!) + " ~ " + labels.won(deposits.last!)
            : deposits.first.map { labels.won($0) } ?? ""
        let images: [MustacheValue] = r.images.map { .object(["src": .string(links.file($0.src)), "alt": .string($0.alt)]) }
        var fields: [String: MustacheValue] = [
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
        .list(restaurant.tables.map { table in
            .object([
                "id": .string(table.id),
                "name": .string(table.name),
                "seats": .int(table.seats),
                "seatsLabel": .string("최대 \(table.seats)명"),
                "deposit": .string(labels.won(table.depositPerPerson)),
                "partySizes": partySizes(table),
            ])
        })
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

    /// The restaurant page: basics, tables, a strip of the bookable dates (each linking to the
    /// booking page with `?date=`) and the times of the first date only, each linking with
    /// `?slot=ID`. One day at a time keeps the page light on a phone: the sample's three weeks
    /// are 126 slots, 7,400 px and 38 KB listed whole.
    mutating func detail(links: PageLinks) -> MustacheValue {
        var fields = basics(links: links)
        fields["tables"] = tables()
        let book = "book/" + links.indexFile
        let days = days(slotsOfFirstDayOnly: true, dayHref: { book + "?date=" + $0.description }) { slot, _ in
            ["bookHref": .string(book + "?slot=" + slot.id)]
        }
        fields["days"] = .list(days)
        fields["firstDay"] = days.first ?? .null
        return .object(fields)
    }

    /// The booking page: basics, tables, the party sizes (2명 chosen where a table seats two),
    /// the bookable dates, and every slot as script data (`dataJSON`): the page's script shows
    /// the chosen date's times.
    mutating func booking(links: PageLinks, site: Site) -> MustacheValue {
        var fields = basics(links: links)
        fields["tables"] = tables()
        fields["days"] = .list(days(slotsOfFirstDayOnly: true) { _, _ in [:] })
        let largest = upcoming.compactMap { slot in restaurant.table(slot.tableId).map { min($0.seats, slot.capacity) } }.max()
            ?? restaurant.tables.map(\.seats).max() ?? 1
        let chosen = Self.defaultPartySize(largest: largest)
        fields["partySizeChoices"] = .list((1...max(1, largest)).map { size in
            .object(["size": .int(size), "label": .string("\(size)명"), "checked": .bool(size == chosen)])
        })
        fields["dataJSON"] = .string(bookingDataJSON(site: site))
        return .object(fields)
    }

    /// Two people, the most common booking (the tutorial asks for 2 or more), where a table
    /// seats two; otherwise the largest party any slot takes.
    static func defaultPartySize(largest: Int) -> Int { min(2, max(1, largest)) }

    /// Slots grouped by date (`date` "12월 24일 (목)", `monthDay` "12월 24일", `weekday` "목",
    /// `isoDate`, `slots`); `extra` adds page-specific fields to each slot. With
    /// `slotsOfFirstDayOnly`, later dates carry no slots (the pages show one day at a time);
    /// `first` marks the first date, `bookHref` is `dayHref` of the date when given.
    private mutating func days(slotsOfFirstDayOnly: Bool = false, dayHref: ((LocalDate) -> String)? = nil,
                               _ extra: (Slot, Table) -> [String: MustacheValue]) -> [MustacheValue] {
        var days: [MustacheValue] = []
        var current: [MustacheValue] = []
        var currentDate: LocalDate?
        let tables = Dictionary(restaurant.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func close(_ date: LocalDate?, _ labels: inout LabelCache) {
            guard let date, !current.isEmpty else { return }
            let label = labels.date(date)
            let parts = label.split(separator: " (", maxSplits: 1)
            var day: [String: MustacheValue] = [
                "date": .string(label), "isoDate": .string(date.description), "first": .bool(days.isEmpty),
                "monthDay": .string(String(parts.first ?? "")), "weekday": .string(parts.count > 1 ? String(parts[1].dropLast()) : ""),
                "slots": .list(slotsOfFirstDayOnly && !days.isEmpty ? [] : current),
            ]
            if let dayHref { day["bookHref"] = .string(dayHref(date)) }
            days.append(.object(day))
            current = []
        }
        for slot in upcoming {
            guard let table = tables[slot.tableId] else { continue }
            if slot.start.date != currentDate {
                close(currentDate, &labels)
                currentDate = slot.start.date
            }
            var fields: [String: MustacheValue] = [
                "id": .string(slot.id),
                "time": .string(labels.time(slot.start.time)),
                "tableName": .string(table.name),
                "capacity": .int(slot.capacity),
                "maxParty": .int(min(table.seats, slot.capacity)),
                "deposit": .string(labels.won(table.depositPerPerson)),
                "startsAt": .int(slot.startMilliseconds),
            ]
            fields.merge(extra(slot, table)) { _, new in new }
            current.append(.object(fields))
        }
        close(currentDate, &labels)
        return days
    }

    /// `{"restaurant": …, "slots": [{id, day (ISO date), date, time, tableName, maxParty, deposit, startsAt}]}`, safe
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
            json.raw(","); json.key("day"); json.quoted(slot.start.date.description)
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
