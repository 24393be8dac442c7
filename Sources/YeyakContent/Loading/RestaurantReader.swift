import Foundation
import JSON

/// Reads one restaurant file and expands its slots.
enum RestaurantReader {
    static let keys = ["name", "category", "description", "address", "phone", "images", "kind",
                       "refundPolicy", "tables", "weekly", "slots", "notifyURL"]
    static let imageKeys = ["src", "alt"]
    static let policyKeys = ["fullRefundHoursBefore", "penaltyPercent"]
    static let tableKeys = ["id", "name", "seats", "depositPerPerson", "renamedFrom"]
    static let ruleKeys = ["tables", "days", "times", "seats", "nextDays", "from", "until"]
    static let slotKeys = ["table", "start", "seats", "closed"]

    /// Largest numbers an editor could mean; anything above is a typo (an extra zero).
    static let maxDeposit = 1_000_000
    static let maxSeatsPerTable = 50
    static let maxSeatsPerSlot = 500
    static let maxDays = 366

    static func read(_ root: JSONNode, slug: String, today: LocalDate, zone: TimeZone, log: ProblemLog) -> Restaurant? {
        if !isIdentifier(slug) {
            log.report(.root, "파일 이름('\(slug)')이 페이지 주소가 되므로 영문 소문자, 숫자, '-'만 쓸 수 있습니다")
        }
        guard let reader = ObjectReader(root, path: .root, log: log, allowedKeys: keys) else { return nil }
        let before = log.problems.count

        let name = reader.string("name")
        let category = reader.string("category", required: false)
        let description = reader.string("description")
        let address = reader.string("address")
        let phone = reader.string("phone")
        let images = readImages(reader)
        var notifyURL: URL?
        if let text = reader.string("notifyURL", required: false) {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false {
                notifyURL = url
            } else {
                log.report(FieldPath.root.key("notifyURL"), "http:// 또는 https:// 로 시작하는 주소여야 합니다 ('\(text)')")
            }
        }

        var kind = ReservationKind.standard
        if let text = reader.string("kind", required: false) {
            if let parsed = ReservationKind(rawValue: text) {
                kind = parsed
            } else {
                log.report(FieldPath.root.key("kind"), "\"standard\"(위약금 최대 20%) 또는 \"premium\"(오마카세, 파인 다이닝: 최대 40%)이어야 합니다. 지금은 '\(text)'입니다")
            }
        }
        let policy = readPolicy(reader, kind: kind)
        let (tables, tableIds) = readTables(reader)
        let rules = readRules(reader, tableIds: tableIds)
        let overrides = readOverrides(reader, tableIds: tableIds)
        if reader.raw("weekly") == nil && reader.raw("slots") == nil {
            log.report(.root, "'weekly' 규칙도 'slots'도 없어 손님이 예약할 수 있는 시간이 없습니다")
        }

        guard log.problems.count == before, let name, let description, let address, let phone, let policy else { return nil }
        let expansion = SlotExpander.expand(restaurant: slug, tables: tables, rules: rules, overrides: overrides,
                                            today: today, zone: zone)
        for conflict in expansion.conflicts {
            log.report(FieldPath.root.key(conflict.source), "슬롯 \(conflict.slotId)을 두 번 만듭니다. 한 테이블의 같은 시작 시각은 한 번만 나올 수 있습니다")
        }
        guard expansion.conflicts.isEmpty else { return nil }
        return Restaurant(slug: slug, name: name, category: category, description: description, address: address,
                          phone: phone, images: images, kind: kind, refundPolicy: policy, tables: tables,
                          weeklyRules: rules, slotOverrides: overrides, slots: expansion.slots, notifyURL: notifyURL)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40 && text.first != "-"
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
    }

    static func readImages(_ reader: ObjectReader) -> [RestaurantImage] {
        guard let elements = reader.list("images", required: false) else { return [] }
        return elements.compactMap { element in
            guard let image = ObjectReader(element.node, path: element.path, log: reader.log, allowedKeys: imageKeys),
                  let src = image.string("src"), let alt = image.string("alt") else { return nil }
            if src.contains("..") || src.hasPrefix("/") || src.hasPrefix("http:") {
                reader.log.report(element.path.key("src"), "콘텐츠 폴더 안의 경로('..'와 맨 앞 '/' 없이)나 https 주소여야 합니다")
                return nil
            }
            return RestaurantImage(src: src, alt: alt)
        }
    }

    static func readPolicy(_ reader: ObjectReader, kind: ReservationKind) -> RefundPolicy? {
        guard let policy = reader.object("refundPolicy", allowedKeys: policyKeys) else { return nil }
        let hours = policy.integer("fullRefundHoursBefore", in: 0...720)
        let penalty = policy.integer("penaltyPercent", in: 0...100)
        if let penalty, penalty > kind.maxPenaltyPercent {
            reader.log.report(FieldPath.root.key("refundPolicy").key("penaltyPercent"),
                              "\(penalty)%는 공정거래위원회 기준 \(kind.rawValue) 식당의 상한 \(kind.maxPenaltyPercent)%를 넘습니다")
            return nil
        }
        guard let hours, let penalty else { return nil }
        return RefundPolicy(fullRefundHoursBefore: hours, penaltyPercent: penalty)
    }

    /// The valid tables, and every declared id (so a table with a bad deposit does not also
    /// make each slot that names it "unknown").
    static func readTables(_ reader: ObjectReader) -> (tables: [Table], declaredIds: Set<String>) {
        guard let elements = reader.list("tables") else { return ([], []) }
        if elements.isEmpty { reader.log.report(FieldPath.root.key("tables"), "테이블을 하나 이상 적어야 합니다") }
        var seen = Set<String>()
        var tables: [Table] = []
        var renames: [(path: FieldPath, id: String, old: String)] = []
        for element in elements {
            guard let table = ObjectReader(element.node, path: element.path, log: reader.log, allowedKeys: tableKeys) else { continue }
            let id = table.string("id")
            if let id {
                if !isIdentifier(id) {
                    reader.log.report(element.path.key("id"), "영문 소문자, 숫자, '-'만 쓸 수 있습니다. 지금은 '\(id)'입니다")
                } else if seen.contains(id) {
                    reader.log.report(element.path.key("id"), "테이블 id가 겹칩니다 ('\(id)')")
                }
                seen.insert(id)
            }
            let name = table.string("name")
            let seats = table.integer("seats", in: 1...maxSeatsPerTable,
                                      rangeMessage: "1석부터 \(maxSeatsPerTable)석까지여야 합니다")
            let deposit = table.integer("depositPerPerson", in: 1...maxDeposit,
                                        rangeMessage: "0보다 커야 합니다 (1인 예약금, 원 단위, 최대 \(KoreanFormat.won(maxDeposit)))")
            if let deposit, deposit < 100 {
                reader.log.report(element.path.key("depositPerPerson"), "\(deposit)원은 토스 카드 결제 최소 금액 100원보다 적습니다")
                continue
            }
            let renamedFrom = table.string("renamedFrom", required: false)
            if let renamedFrom, !isIdentifier(renamedFrom) {
                reader.log.report(element.path.key("renamedFrom"), "테이블의 예전 id여야 하므로 영문 소문자, 숫자, '-'만 쓸 수 있습니다. 지금은 '\(renamedFrom)'입니다")
                continue
            }
            if let id, let renamedFrom { renames.append((element.path.key("renamedFrom"), id, renamedFrom)) }
            if let id, let name, let seats, let deposit {
                tables.append(Table(id: id, name: name, seats: seats, depositPerPerson: deposit, renamedFrom: renamedFrom))
            }
        }
        // A table can only be renamed from an id that is gone, and only once.
        var renamedFrom: [String: String] = [:]
        for (path, id, old) in renames {
            if old == id {
                reader.log.report(path, "이 테이블 자신의 id입니다 ('\(old)'). renamedFrom에는 바꾸기 전의 id를 적습니다")
            } else if seen.contains(old) {
                reader.log.report(path, "아직 이 파일에 있는 테이블입니다 ('\(old)'). renamedFrom에는 없어진 id를 적습니다")
            } else if let other = renamedFrom[old] {
                reader.log.report(path, "이미 테이블 '\(other)'이(가) 이어받은 id입니다 ('\(old)'). 예약은 한 테이블만 이어받을 수 있습니다")
            }
            renamedFrom[old] = renamedFrom[old] ?? id
        }
        return (tables, seen)
    }

    static func readRules(_ reader: ObjectReader, tableIds: Set<String>) -> [WeeklyRule] {
        guard let elements = reader.list("weekly", required: false) else { return [] }
        var rules: [WeeklyRule] = []
        for element in elements {
            guard let rule = ObjectReader(element.node, path: element.path, log: reader.log, allowedKeys: ruleKeys) else { continue }
            let before = reader.log.problems.count
            let tables = checkTables(rule.strings("tables", required: false) ?? [], known: tableIds, log: reader.log)

            var days: [Weekday] = []
            for entry in rule.strings("days") ?? [] {
                if let parsed = Weekday.parseList(entry.value) {
                    days += parsed.filter { !days.contains($0) }
                } else {
                    reader.log.report(entry.path, "요일이 아닙니다 ('\(entry.value)'). mon, tue, wed, thu, fri, sat, sun 또는 mon-fri 같은 범위를 쓰세요")
                }
            }
            var times: [LocalTime] = []
            for entry in rule.strings("times") ?? [] {
                if let time = LocalTime(text: entry.value) {
                    if times.contains(time) { reader.log.report(entry.path, "두 번 적혀 있습니다 (\(entry.value))") }
                    times.append(time)
                } else {
                    reader.log.report(entry.path, "시각이 아닙니다 ('\(entry.value)'). 18:30처럼 24시간제 HH:MM으로 쓰세요")
                }
            }
            let seats = rule.integer("seats", in: 1...maxSeatsPerSlot, required: false)
            let period = readPeriod(rule, path: element.path)
            guard reader.log.problems.count == before, let period else { continue }
            rules.append(WeeklyRule(tables: tables, days: days, times: times.sorted(), seats: seats, period: period))
        }
        return rules
    }

    static func readPeriod(_ rule: ObjectReader, path: FieldPath) -> WeeklyRule.Period? {
        let hasNext = rule.has("nextDays")
        let hasRange = rule.has("from") || rule.has("until")
        if hasNext && hasRange {
            rule.log.report(path, "'nextDays'와 'from'/'until' 중 하나만 쓰세요")
            return nil
        }
        if hasNext {
            return rule.integer("nextDays", in: 1...maxDays).map { .nextDays($0) }
        }
        guard hasRange else {
            rule.log.report(path, "기간이 필요합니다: 'nextDays'(예: 21) 또는 'from'과 'until' 날짜")
            return nil
        }
        let from = date(rule, "from")
        let until = date(rule, "until")
        guard let from, let until else { return nil }
        if until < from {
            rule.log.report(path.key("until"), "'from'(\(from))보다 앞선 날짜입니다 (\(until))")
            return nil
        }
        if until.dayNumber - from.dayNumber >= maxDays {
            rule.log.report(path.key("until"), "기간이 \(maxDays)일보다 깁니다")
            return nil
        }
        return .dates(from: from, until: until)
    }

    static func date(_ reader: ObjectReader, _ key: String) -> LocalDate? {
        guard let text = reader.string(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            reader.log.report(reader.path.key(key), "없는 날짜입니다 ('\(text)'). YYYY-MM-DD로 쓰세요")
            return nil
        }
        return date
    }

    static func readOverrides(_ reader: ObjectReader, tableIds: Set<String>) -> [SlotOverride] {
        guard let elements = reader.list("slots", required: false) else { return [] }
        var overrides: [SlotOverride] = []
        for element in elements {
            guard let slot = ObjectReader(element.node, path: element.path, log: reader.log, allowedKeys: slotKeys) else { continue }
            let before = reader.log.problems.count
            let table = slot.string("table")
            if let table, !tableIds.contains(table) {
                reader.log.report(element.path.key("table"), unknownTableMessage(table, known: tableIds))
            }
            var start: LocalDateTime?
            if let text = slot.string("start") {
                start = LocalDateTime(iso: text)
                if start == nil {
                    reader.log.report(element.path.key("start"), "없는 날짜나 시각입니다 ('\(text)'). 2026-12-24T18:00처럼 YYYY-MM-DDTHH:MM으로 쓰세요")
                }
            }
            let seats = slot.integer("seats", in: 1...maxSeatsPerSlot, required: false)
            let closed = slot.bool("closed") ?? false
            if closed && slot.has("seats") {
                reader.log.report(element.path, "닫은 슬롯(closed)에는 'seats'를 적지 않습니다")
            }
            guard reader.log.problems.count == before, let table, let start else { continue }
            overrides.append(SlotOverride(tableId: table, start: start, seats: seats, closed: closed))
        }
        return overrides
    }

    static func checkTables(_ entries: [(value: String, path: FieldPath)], known: Set<String>, log: ProblemLog) -> [String] {
        var tables: [String] = []
        for entry in entries {
            if known.contains(entry.value) {
                tables.append(entry.value)
            } else {
                log.report(entry.path, unknownTableMessage(entry.value, known: known))
            }
        }
        return tables
    }

    static func unknownTableMessage(_ table: String, known: Set<String>) -> String {
        var message = "없는 테이블입니다 ('\(table)')."
        if let hint = ObjectReader.closest(to: table, in: known.sorted()) {
            message += " 혹시 '\(hint)'인가요?"
        } else if !known.isEmpty {
            message += " 테이블: \(known.sorted().joined(separator: ", "))"
        }
        return message
    }
}
