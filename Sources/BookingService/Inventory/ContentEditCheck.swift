import BookingStore
import Foundation
import YeyakContent

/// PRODUCT.md invariant 9 for editors: an edit that would drop a slot with upcoming bookings
/// while offering its seats again under a new id (a renamed table) is refused, said as content
/// problems that name the file, the table and the bookings. Used by `Bookings.load` (start,
/// SIGHUP, a `yeyak dev` rebuild) and `yeyak check --db`.
package enum ContentEditCheck {
    /// What the store would refuse for `content`, without writing anything; empty when the edit is safe.
    package static func problems(_ content: SiteContent, store: any BookingStore, now: Date) async throws -> [ContentProblem] {
        let conflicts = try await store.inventoryConflicts(InventoryBuilder.inventory(from: content, now: now), now: now)
        return problems(InventoryConflict(dropped: conflicts), content: content)
    }

    /// One problem per dropped slot, in the restaurant's file.
    package static func problems(_ conflict: InventoryConflict, content: SiteContent) -> [ContentProblem] {
        conflict.dropped.map { slot in
            let restaurant = content.restaurant(slot.restaurant)
            let file = "\(ContentLoader.restaurantsFolder)/\(slot.restaurant).json"
            let start = restaurant.map { _ in LocalDateTime(slot.startsAt, in: content.site.timeZone).description }
                ?? "\(slot.startsAt)"
            let shown = slot.bookings.prefix(10).joined(separator: ", ")
                + (slot.bookings.count > 10 ? " 외 \(slot.bookings.count - 10)건" : "")
            let bookings = "다가오는 예약 \(slot.bookings.count)건(\(slot.seatsTaken)석, 예약번호 \(shown))"
            let offered = slot.offeredAgainAs.joined(separator: ", ")
            let sold = "같은 시간대(2시간 안)에 \(offered)이(가) 새로 좌석을 팔고 있어 같은 자리가 두 번 팔리게 됩니다."
            let tableIndex = restaurant?.tables.firstIndex { $0.id == slot.tableId }
            if restaurant == nil {
                return ContentProblem(
                    file: file, field: "(file)",
                    message: "식당 '\(slot.restaurant)'이(가) 없어졌지만 그 슬롯 \(slot.slotId)(\(start))에 \(bookings)이 있고, "
                        + "\(sold) 식당의 예약은 파일 이름에 묶여 있습니다. 파일 이름을 바꿨다면 이 예약이 끝나거나 "
                        + "취소될 때까지 예전 이름을 유지하세요")
            }
            if tableIndex == nil {
                return ContentProblem(
                    file: file, field: "tables",
                    message: "테이블 '\(slot.tableId)'이(가) 없어졌지만 그 슬롯 \(slot.slotId)(\(start))에 \(bookings)이 있고, "
                        + "\(sold) 테이블 이름(id)을 바꿨다면 새 테이블에 \"renamedFrom\": \"\(slot.tableId)\"를 적으세요 "
                        + "(예약이 함께 옮겨 갑니다). 아니라면 이 예약이 끝나거나 취소될 때까지 테이블 '\(slot.tableId)'을(를) 두세요")
            }
            return ContentProblem(
                file: file, field: "tables[\(tableIndex!)]",
                message: "테이블 '\(slot.tableId)'의 슬롯 \(slot.slotId)(\(start))이(가) 없어졌지만 \(bookings)이 있고, "
                    + "\(sold) 이 예약이 끝나거나 취소될 때까지 슬롯을 두거나, 먼저 예약을 옮기세요")
        }
    }
}
