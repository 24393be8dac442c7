import YeyakContent

/// A Korean phone number as guests type it ("010-1234-5678"), stored as digits.
package struct PhoneNumber: Sendable, Equatable, CustomStringConvertible {
    /// Digits only, e.g. `01012345678`: what Toss's `customerMobilePhone` takes.
    package let digits: String

    /// The page's rule exactly (`GuestFieldRules`, mirrored in booking.js): digits with
    /// optional single hyphens; nil when it is no Korean number.
    package init?(_ text: String) {
        guard let digits = GuestFieldRules.normalizedPhone(text) else { return nil }
        self.digits = digits
    }

    /// `010-1234-5678`, `02-123-4567`, for staff lists.
    package var description: String {
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
