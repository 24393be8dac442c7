/// The rules for what a guest types on the booking page. The page's script (`booking.js`)
/// applies the same rules so the guest sees a Korean message at once, and the service
/// enforces them again, because the browser is never trusted.
///
/// - name: 1-50 characters after trimming spaces, no control characters, and at most 200 bytes
///   of UTF-8 (a "character" can carry any number of combining marks, so counting characters
///   alone let a 300 KB name of one base letter and combining marks through).
/// - phone: a Korean mobile or landline number, digits with optional single hyphens between
///   groups (`010-1234-5678`, `01012345678`, `02-123-4567`, `031-123-4567`, `070-1234-5678`).
///   After removing hyphens: `01[016789]` + 7-8 digits, `02` + 7-8 digits,
///   `0[3-6][1-5]` + 7-8 digits, or `070` + 8 digits. Stored as digits only.
/// - comment: at most 500 characters and 2,000 bytes of UTF-8 (optional).
/// - party size: 1 up to the seats of the slot's table.
package enum GuestFieldRules {
    package static let nameMaxLength = 50
    package static let commentMaxLength = 500
    /// Four bytes per character: every real name or comment within the character limit fits.
    package static let nameMaxBytes = 4 * nameMaxLength
    package static let commentMaxBytes = 4 * commentMaxLength

    /// Korean messages shown next to each field (the same text as in `booking.js`).
    package enum Message {
        package static let nameRequired = "예약자 이름을 입력해 주세요."
        package static let nameTooLong = "이름은 50자 이내로 입력해 주세요."
        package static let phoneRequired = "연락처를 입력해 주세요."
        package static let phoneInvalid = "연락처는 010-1234-5678 또는 02-123-4567 형식으로 입력해 주세요."
        package static let nameInvalidCharacters = "이름에 쓸 수 없는 문자(제어 문자, 글자 방향을 바꾸는 문자 등)가 들어 있습니다."
        package static let commentTooLong = "요청 사항은 500자 이내로 입력해 주세요."
    }

    /// The name as stored (trimmed), or the message explaining why it is refused.
    package static func checkName(_ raw: String) -> Result<String, FieldProblem> {
        if raw.utf8.count > 4 * nameMaxBytes {  // refused before any work on a huge value
            return .failure(FieldProblem(field: "name", message: Message.nameTooLong))
        }
        let name = raw.trimmingSpaces
        if name.utf8.count > nameMaxBytes { return .failure(FieldProblem(field: "name", message: Message.nameTooLong)) }
        if name.isEmpty { return .failure(FieldProblem(field: "name", message: Message.nameRequired)) }
        if name.count > nameMaxLength { return .failure(FieldProblem(field: "name", message: Message.nameTooLong)) }
        // Control and format characters (bidi overrides such as U+202E, zero-width ones) have no
        // place in a name and would turn it around or hide text in the restaurant's messages.
        if name.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) {
            return .failure(FieldProblem(field: "name", message: Message.nameInvalidCharacters))
        }
        return .success(name)
    }

    /// The phone number as digits only (`01012345678`), or nil when it is not a Korean number.
    package static func normalizedPhone(_ raw: String) -> String? {
        let text = raw.trimmingSpaces
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard !text.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else {
            return nil
        }
        let digits = Array(groups.joined().utf8).map { Int($0) - 0x30 }
        let count = digits.count
        guard count >= 9, digits[0] == 0 else { return nil }
        switch (digits[1], digits[2]) {
        case (1, let third) where [0, 1, 6, 7, 8, 9].contains(third):
            return (10...11).contains(count) ? groups.joined() : nil
        case (2, _):
            return (9...10).contains(count) ? groups.joined() : nil
        case (7, 0):
            return count == 11 ? groups.joined() : nil
        case (3...6, let third) where (1...5).contains(third):
            return (10...11).contains(count) ? groups.joined() : nil
        default:
            return nil
        }
    }

    package static func checkComment(_ raw: String) -> FieldProblem? {
        raw.utf8.count > commentMaxBytes || raw.count > commentMaxLength ? FieldProblem(field: "comment", message: Message.commentTooLong) : nil
    }
}

/// A refused field and the Korean message for the guest.
package struct FieldProblem: Error, Equatable, Sendable {
    package let field: String
    package let message: String
    package init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
