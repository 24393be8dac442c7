import YeyakContent

/// Korean labels for dates, times and amounts, formatted once per distinct value: a restaurant's
/// 126 slots share 14 dates and 3 times, so most lookups are dictionary hits, not formatting.
struct LabelCache {
    private var dates: [Int: String] = [:]
    private var times: [Int: String] = [:]
    private var amounts: [Int: String] = [:]

    mutating func date(_ date: LocalDate) -> String {
        if let label = dates[date.dayNumber] { return label }
        let label = KoreanFormat.date(date)
        dates[date.dayNumber] = label
        return label
    }

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
