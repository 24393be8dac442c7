import BookingStore
import YeyakContent

/// The host stand's day (`yeyak bookings today`): per restaurant, the bookings by start time
/// with what the host needs at the door. The terminal table and the printable page
/// (`HostStandPage`) are two renderings of this one sheet.
///
/// Order: by start, then table, then when the booking was made.
///
/// Which bookings: those a guest may walk in with (PAID; CONFIRMING and NEEDS_ATTENTION, whose
/// seats are kept while the payment is looked up) and the cancelled ones, marked, so a guest
/// who cancelled is not waited for. Unpaid holds, failed and expired bookings are not bookings
/// to the host and are left out.
struct HostStandSheet {
    struct Section {
        let slug: String
        let name: String
        let rows: [BookingRow]
        /// Bookings and guests still expected (cancelled ones not counted).
        var expected: [BookingRow] { rows.filter { !HostStandSheet.isCancelled($0.booking.state) } }
        var summary: String {
            rows.isEmpty ? "예약 없음" : "예약 \(expected.count)건, \(expected.reduce(0) { $0 + $1.booking.partySize })명"
                + (rows.count > expected.count ? " (취소 \(rows.count - expected.count)건)" : "")
        }
    }

    static let shownStates: Set<BookingState> = [.paid, .confirming, .needsAttention, .cancelling, .cancelled]
    static let header = ["시간", "인원", "이름", "전화", "요청 사항", "테이블", "상태", "예약번호"]

    let day: LocalDate
    let sections: [Section]

    /// - Parameter only: one restaurant's slug, or nil for every restaurant in the content (a
    ///   restaurant without bookings is listed as such, so the sheet shows it was looked at).
    init(day: LocalDate, bookings: [BookingRow], content: SiteContent, only: String?) {
        self.day = day
        let shown = bookings.filter { Self.shownStates.contains($0.booking.state) }
            .sorted { ($0.booking.startsAt, $0.tableName, $0.booking.createdAt, $0.booking.orderId)
                < ($1.booking.startsAt, $1.tableName, $1.booking.createdAt, $1.booking.orderId) }
        var slugs = content.restaurants.map(\.slug)
        // Bookings of a restaurant the content no longer has still belong on the sheet.
        for row in shown where !slugs.contains(row.booking.restaurant) { slugs.append(row.booking.restaurant) }
        if let only { slugs = [only] }
        sections = slugs.map { slug in
            Section(slug: slug, name: content.restaurant(slug)?.name ?? slug, rows: shown.filter { $0.booking.restaurant == slug })
        }
    }

    var title: String { "\(KoreanFormat.date(day)) 예약" }

    /// One row's cells, in `header`'s order.
    static func cells(_ row: BookingRow) -> [String] {
        let booking = row.booking
        return [KoreanFormat.time(row.start.time), "\(booking.partySize)명", booking.guestName, row.phone, booking.comment,
                row.tableName, stateLabel(booking.state), row.code]
    }

    static func isCancelled(_ state: BookingState) -> Bool { state == .cancelled || state == .cancelling }

    static func stateLabel(_ state: BookingState) -> String {
        switch state {
        case .paid: "예약 확정"
        case .confirming: "결제 확인 중"
        case .needsAttention: "결제 확인 필요"
        case .cancelling: "취소 중"
        case .cancelled: "취소됨"
        case .ready: "결제 전"
        case .failed: "실패"
        case .expired: "만료"
        }
    }

    /// The sheet for the terminal: a heading and an aligned table per restaurant.
    var terminal: String {
        var lines = [title, ""]
        for section in sections {
            lines.append(UntrustedText.visible("\(section.name) (\(section.slug)): \(section.summary)"))
            if !section.rows.isEmpty {
                lines += TerminalTable.render(header: Self.header, rows: section.rows.map(Self.cells)).map { "  " + $0 }
            }
            lines.append("")
        }
        return lines.dropLast().joined(separator: "\n")
    }
}
