import Foundation

/// A booking as an iCalendar file (RFC 5545) for "캘린더에 추가": one VEVENT in a VCALENDAR,
/// times in UTC (`...Z`, so no VTIMEZONE is needed and every calendar places it right), text
/// escaped (backslash, `;`, `,`, newlines), lines folded at 75 octets without splitting a
/// Hangul character, every line ended by CRLF.
///
/// The content has no meal length, so the event lasts `duration` (two hours, what Korean
/// restaurants usually keep a table for); the description says the time is the arrival.
package enum BookingCalendar {
    package static let duration: TimeInterval = 2 * 60 * 60

    package struct Event: Sendable, Equatable {
        package var uid: String
        package var startsAt: Date
        package var stampedAt: Date
        package var summary: String
        package var location: String
        package var description: String

        package init(uid: String, startsAt: Date, stampedAt: Date, summary: String, location: String, description: String) {
            self.uid = uid
            self.startsAt = startsAt
            self.stampedAt = stampedAt
            self.summary = summary
            self.location = location
            self.description = description
        }
    }

    /// The whole file.
    package static func file(_ event: Event) -> String {
        let lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Yeyak//Booking//KO",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:" + text(event.uid),
            "DTSTAMP:" + utc(event.stampedAt),
            "DTSTART:" + utc(event.startsAt),
            "DTEND:" + utc(event.startsAt.addingTimeInterval(duration)),
            "SUMMARY:" + text(event.summary),
            "LOCATION:" + text(event.location),
            "DESCRIPTION:" + text(event.description),
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261224T090000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// RFC 5545 TEXT: `\`, `;` and `,` escaped, a newline as `\n`, other control characters dropped.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Splits a content line into lines of at most 75 octets, continuations starting with a
    /// space, never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = parts.isEmpty ? 75 : 74  // a continuation's leading space counts
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    /// The file as a `data:` link the result page can offer for download, so it works from
    /// the page itself without another request carrying the booking's key.
    package static func dataURL(_ event: Event) -> String {
        "data:text/calendar;charset=utf-8," + percentEncoded(file(event))
    }

    /// Everything but unreserved ASCII percent-encoded (UTF-8), as a URL path or query wants it.
    package static func percentEncoded(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
