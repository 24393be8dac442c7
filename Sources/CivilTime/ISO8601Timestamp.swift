/// ISO 8601 timestamps with a UTC offset, e.g. `2026-12-24T18:00:00+09:00`, written and read by
/// hand over `CivilDays`.
///
/// The one copy of this code: the service's JSON answers (the restaurant's offset), the sandbox's
/// Toss answers (Korea time) and the Toss client reading `approvedAt` all use it. A new
/// `ISO8601DateFormatter` per call was 15-30% of their CPU per request on Linux.
package enum ISO8601Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for the whole second `secondsSince1970` (UTC, rounded down by
    /// the caller) as seen at `offsetSeconds` east of UTC.
    ///
    /// The offset is written in whole minutes (offsets with seconds, local mean time before
    /// ~1910, are cut to the minute); the date, hour and minute come from the full offset and the
    /// seconds from the UTC instant, as the service has always written them.
    package static func format(secondsSince1970 seconds: Int, offsetSeconds offset: Int) -> String {
        let (days, secondOfDay) = CivilDays.split(seconds: seconds + offset)
        let (year, month, day) = CivilDays.date(days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        if (0...9999).contains(year) {
            appendDigits(year, count: 4, to: &bytes)
        } else {
            bytes.append(contentsOf: String(year).utf8)
        }
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 3600 / 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits((seconds % 60 + 60) % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: offset < 0 ? "-" : "+"))
        appendDigits(abs(offset) / 3600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(abs(offset) % 3600 / 60, count: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Seconds since 1970 (UTC) of `2026-12-24T18:00:00+09:00`; fractional seconds
    /// (`18:00:00.250`) and `Z` for UTC are allowed. Nil for anything else: no offset, a date
    /// alone, a space instead of `T`, `+0900`, an out-of-range month.
    package static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for byte in b[from..<from + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 0x2E {  // .fraction
            var scale = 0.1
            index += 1
            while index < b.count, b[index] >= 0x30 && b[index] <= 0x39 {
                fraction += Double(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == 0x5A || b[index] == 0x7A {  // Z
            guard index + 1 == b.count else { return nil }
        } else {
            guard b[index] == 0x2B || b[index] == 0x2D, index + 6 == b.count, b[index + 3] == 0x3A,
                  let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2) else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (b[index] == 0x2D ? -1 : 1)
        }
        let days = CivilDays.from(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    private static func appendDigits(_ value: Int, count: Int, to bytes: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: count)
        var rest = value
        for position in stride(from: count - 1, through: 0, by: -1) {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        if rest > 0 {
            bytes.append(contentsOf: String(value).utf8)  // wider than `count` (an offset of 100 hours)
        } else {
            bytes.append(contentsOf: digits)
        }
    }
}
