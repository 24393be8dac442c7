/// A Korean phone number as guests type it ("010-1234-5678", "02 123 4567"), stored as digits.
///
/// The same rule is written in `site-templates/assets/booking.js` so the page and the service
/// agree; see docs/service.md.
public struct PhoneNumber: Sendable, Equatable, CustomStringConvertible {
    /// Digits only, e.g. `01012345678`: what Toss's `customerMobilePhone` takes.
    public let digits: String

    /// Accepts digits with optional hyphens or spaces; nil when it is no Korean number.
    public init?(_ text: String) {
        var digits = ""
        for character in text {
            if character == "-" || character == " " { continue }
            guard let ascii = character.asciiValue, ascii >= 0x30, ascii <= 0x39 else { return nil }
            digits.append(character)
        }
        guard Self.isKorean(digits) else { return nil }
        self.digits = digits
    }

    static func isKorean(_ digits: String) -> Bool {
        let d = Array(digits.utf8).map { Int($0) - 0x30 }
        func length(_ range: ClosedRange<Int>) -> Bool { range.contains(d.count) }
        guard d.count >= 8 else { return false }
        if d[0] == 0 && d[1] == 1 {  // mobile: 010 (always 11 digits), older 011, 016-019 (10-11)
            if d[2] == 0 { return d.count == 11 }
            return [1, 6, 7, 8, 9].contains(d[2]) && length(10...11)
        }
        if d[0] == 0 && d[1] == 2 { return length(9...10) }  // Seoul: 02-XXX(X)-XXXX
        if d[0] == 0 && (3...6).contains(d[1]) && (1...5).contains(d[2]) { return length(10...11) }  // regions
        if d[0] == 0 && d[1] == 7 && d[2] == 0 { return d.count == 11 }  // 070 internet phones
        if d[0] == 1 && (5...9).contains(d[1]) { return d.count == 8 }  // 1588-XXXX and the like
        return false
    }

    /// `010-1234-5678`, `02-123-4567`, for staff lists.
    public var description: String {
        let c = Array(digits)
        func join(_ cuts: [Int]) -> String {
            var parts: [String] = []
            var start = 0
            for cut in cuts + [c.count] {
                parts.append(String(c[start..<cut]))
                start = cut
            }
            return parts.joined(separator: "-")
        }
        if digits.hasPrefix("02") { return join([2, c.count - 4]) }
        if digits.first == "1" { return join([4]) }
        return join([3, c.count - 4])
    }
}
