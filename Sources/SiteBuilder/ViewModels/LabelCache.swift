import YeyakContent

/// Korean labels for dates, times and amounts, formatted once per distinct value: a restaurant's
/// 126 slots share 14 dates and 3 times, so most lookups are dictionary hits, not formatting.
struct LabelCache {
    /// What the pages print of one date: "12월 24일 (목)", its two halves for the date chips
    /// ("12월 24일", "목"), and "2026-12-24".
    struct Day {
        let date: String
        let monthDay: String
        let weekday: String
        let iso: String
    }

    private var days: [Int: Day] = [:]
    private var times: [Int: String] = [:]
    private var amounts: [Int: String] = [:]

    mutating func day(_ date: LocalDate) -> Day {
        if let labels = days[date.dayNumber] { return labels }
        let labels = Day(date: KoreanFormat.date(date), monthDay: KoreanFormat.monthDay(date),
                         weekday: date.weekday.korean, iso: date.description)
        days[date.dayNumber] = labels
        return labels
    }

    mutating func date(_ date: LocalDate) -> String { day(date).date }

    mutating func time(_ time: LocalTime) -> String {
        if let label = times[time.minutesSinceMidnight] { return label }
        let label = KoreanFormat.time(time)
        times[time.minutesSinceMidnight] = label
        return label
    }

    mutating func won(_ amount: Int) -> String {
        if let label = amounts[amount] { return label }
        let label = KoreanFormat.won(amount)
        amounts[amount] = label
        return label
    }
}
