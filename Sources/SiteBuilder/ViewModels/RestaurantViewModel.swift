import Mustache
import YeyakContent

/// Everything the restaurant, booking and list pages show about one restaurant, preformatted
/// ("10,000원", "12월 20일 (토)", "오후 6:00") so templates only place text.
package struct RestaurantViewModel {
    let restaurant: Restaurant
    /// Slots still bookable at build time, sorted by start then table.
    let upcoming: [Slot]
    /// The upcoming slots whose table exists, each with its table's index in `restaurant.tables`:
    /// looked up once for the date strip, the first date's times and the slot JSON.
    private let bookable: [(slot: Slot, tableIndex: Int)]
    /// The dates of `bookable`, each with the positions of its slots there.
    private let dates: [(date: LocalDate, slots: Range<Int>)]
    private var labels = LabelCache()

    init(_ restaurant: Restaurant, upcoming: [Slot]) {
        self.restaurant = restaurant
        self.upcoming = upcoming
        let tables = Dictionary(restaurant.tables.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        bookable = upcoming.compactMap { slot in tables[slot.tableId].map { (slot, $0) } }
        var dates: [(date: LocalDate, slots: Range<Int>)] = []
        for (index, entry) in bookable.enumerated() {
            if let last = dates.last, last.date == entry.slot.start.date {
                dates[dates.count - 1].slots = last.slots.lowerBound..<index + 1
            } else {
                dates.append((entry.slot.start.date, index..<index + 1))
            }
        }
        self.dates = dates
    }

    package static func folder(_ slug: String) -> String { "restaurants/\(slug)/" }
    package static func bookFolder(_ slug: String) -> String { "restaurants/\(slug)/book/" }
    /// Where a guest checks or cancels a booking; the order id follows as the URL fragment.
    package static let manageFolder = "booking/"
    /// "예약 조회": a booking found by its code and the guest's phone, from any device.
    package static let lookupFolder = "lookup/"

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
        let days = days(dayHref: { book + "?date=" + $0 }) { slot, _ in
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
        fields["days"] = .list(days { _, _ in [:] })
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

    /// The bookable dates (`date` "12월 24일 (목)", `monthDay` "12월 24일", `weekday` "목",
    /// `isoDate`, `first` on the first one, `bookHref` = `dayHref(isoDate)` when given) and, on the
    /// first date only, its `slots`: the pages show one day at a time, so the other dates' slot
    /// objects are not made (they were 117 of each page's 126, about 15% of a cold build's CPU).
    /// `extra` adds page-specific fields to each slot.
    private mutating func days(dayHref: ((String) -> String)? = nil,
                               _ extra: (Slot, Table) -> MustacheObject) -> [MustacheValue] {
        var days: [MustacheValue] = []
        for (date, slots) in dates {
            let labels = labels.day(date)
            var day: MustacheObject = [
                "date": .string(labels.date), "isoDate": .string(labels.iso), "first": .bool(days.isEmpty),
                "monthDay": .string(labels.monthDay), "weekday": .string(labels.weekday),
                "slots": .list(days.isEmpty ? bookable[slots].map { slotObject($0.slot, restaurant.tables[$0.tableIndex], extra) } : []),
            ]
            if let dayHref { day["bookHref"] = .string(dayHref(labels.iso)) }
            days.append(.object(day))
        }
        return days
    }

    private mutating func slotObject(_ slot: Slot, _ table: Table, _ extra: (Slot, Table) -> MustacheObject) -> MustacheValue {
        var fields: MustacheObject = [
            "id": .string(slot.id),
            "time": .string(labels.time(slot.start.time)),
            "tableName": .string(table.name),
            "capacity": .int(slot.capacity),
            "maxParty": .int(min(table.seats, slot.capacity)),
            "deposit": .string(labels.won(table.depositPerPerson)),
            "startsAt": .int(slot.startMilliseconds),
        ]
        fields.merge(extra(slot, table))
        return .object(fields)
    }

    /// `{"restaurant": …, "slots": [{id, day (ISO date), date, time, tableName, maxParty, deposit, startsAt}]}`, safe
    /// inside `<script type="application/json">`.
    ///
    /// What slots share is made into JSON text once: each table's fields, the date's until the
    /// date changes, the time and its instant until the start changes (slots come sorted by start).
    /// Escaping and appending every field of every slot was about 10% of a cold build's CPU.
    mutating func bookingDataJSON(site: Site) -> String {
        var json = JSONText(capacity: 256 + bookable.count * 200)
        json.raw("{")
        json.key("restaurant"); json.quoted(restaurant.slug)
        json.raw(","); json.key("restaurantName"); json.quoted(restaurant.name)
        json.raw(","); json.key("refundPolicy"); json.quoted(restaurant.refundPolicy.koreanDescription)
        json.raw(","); json.key("slots"); json.raw("[")
        // `,"tableName":"…","maxParty":` and `,"deposit":…,"startsAt":` of each table.
        let tableParts = restaurant.tables.map { table in
            var head = JSONText(), tail = JSONText()
            head.raw(","); head.key("tableName"); head.quoted(table.name); head.raw(","); head.key("maxParty")
            tail.raw(","); tail.key("deposit"); tail.number(table.depositPerPerson); tail.raw(","); tail.key("startsAt")
            return (head: head.bytes, tail: tail.bytes, seats: table.seats)
        }
        var date: (day: Int, fields: [UInt8]) = (.min, [])
        var start: (minute: Int, time: [UInt8], digits: [UInt8]) = (.min, [], [])
        for (index, (slot, tableIndex)) in bookable.enumerated() {
            json.raw(index == 0 ? "{" : ",{")
            json.key("id"); json.quoted(slot.id)
            if date.day != slot.start.date.dayNumber {
                let labels = labels.day(slot.start.date)
                var fields = JSONText()
                fields.raw(","); fields.key("day"); fields.quoted(labels.iso)
                fields.raw(","); fields.key("date"); fields.quoted(labels.date)
                date = (slot.start.date.dayNumber, fields.bytes)
            }
            json.append(date.fields)
            let minute = slot.start.date.dayNumber * 1440 + slot.start.time.minutesSinceMidnight
            if start.minute != minute {
                var time = JSONText(), digits = JSONText()
                time.raw(","); time.key("time"); time.quoted(labels.time(slot.start.time))
                digits.number(slot.startMilliseconds)
                start = (minute, time.bytes, digits.bytes)
            }
            json.append(start.time)
            json.append(tableParts[tableIndex].head)
            json.number(min(tableParts[tableIndex].seats, slot.capacity))
            json.append(tableParts[tableIndex].tail)
            json.append(start.digits)
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
