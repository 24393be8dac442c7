import YeyakContent

/// `yeyak bookings list --format csv`, for a spreadsheet (docs/deploy.md "Staff tools").
///
/// - UTF-8 with a byte order mark: Excel opens a CSV without one in the legacy code page and
///   shows the Korean garbled.
/// - RFC 4180: CRLF line ends; a cell with a comma, quote or line break is quoted, quotes doubled.
/// - Amounts and party sizes are plain digits (`20000`), dates `YYYY-MM-DD`, times `HH:MM` and
///   the payment time `YYYY-MM-DD HH:MM` in the restaurant's zone (Asia/Seoul), so a spreadsheet sums and sorts them.
/// - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading
///   apostrophe (OWASP's advice), so a guest's name `=HYPERLINK(...)` is shown, never run.
///   Order ids are base64url and may start with `-`; `yeyak bookings show` accepts them with
///   the apostrophe as copied from the sheet. Number cells are ours and never start so.
enum BookingCSV {
    static let byteOrderMark = "\u{FEFF}"

    /// 예약번호 is the short code guests read out (K7QX-2M9P); 주문번호 the long order id Toss knows.
    static let headers = ["예약번호", "주문번호", "상태", "식당", "테이블", "날짜", "시간", "인원", "예약금", "이름", "전화", "요청 사항",
                          "결제 시각", "환불액"]

    static func document(_ rows: [BookingRow]) -> String {
        let lines = [headers.map(text)] + rows.map(cells)
        return byteOrderMark + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cells(_ row: BookingRow) -> [String] {
        let booking = row.booking
        return [text(row.code), text(booking.orderId), text(booking.state.rawValue), text(row.restaurantName), text(row.tableName),
                row.start.date.description, row.start.time.description, "\(booking.partySize)", "\(booking.amount)",
                text(booking.guestName), text(row.phone), text(booking.comment),
                booking.paidAt.map { row.local($0) } ?? "", booking.refundAmount.map { "\($0)" } ?? ""]
    }

    /// A text cell: defused, then quoted when RFC 4180 needs it.
    static func text(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
