import Foundation

/// How Korean guests read money, dates and times: "20,000원", "12월 20일 (토) 오후 6:00".
/// Hand-written rather than locale-driven so pages are identical on every machine.
package enum KoreanFormat {
    /// `20000` -> `20,000원`.
    package static func won(_ amount: Int) -> String { grouped(amount) + "원" }

    /// `1234567` -> `1,234,567`.
    package static func grouped(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return amount < 0 ? "-" + result : result
    }

    /// `12월 20일 (토)`.
    package static func date(_ date: LocalDate) -> String {
        monthDay(date) + " (" + date.weekday.korean + ")"
    }

    /// `12월 20일`: the date without its weekday (the date chips print the two apart).
    package static func monthDay(_ date: LocalDate) -> String { "\(date.month)월 \(date.day)일" }

    /// `오후 6:00`, `오전 12:30` (just after midnight), `오후 12:00` (noon).
    package static func time(_ time: LocalTime) -> String {
        let period = time.hour < 12 ? "오전" : "오후"
        let hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12
        return "\(period) \(hour12):\(String(format2: time.minute))"
    }

    /// `12월 20일 (토) 오후 6:00`.
    package static func dateTime(_ value: LocalDateTime) -> String { date(value.date) + " " + time(value.time) }

    /// An instant on the wall clock of `zone`.
    package static func dateTime(_ instant: Date, in zone: TimeZone) -> String {
        dateTime(LocalDateTime(instant, in: zone))
    }
}
