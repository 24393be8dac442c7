import BookingService
import BookingStore
import Foundation
import TestSupport
import XCTest
@testable import ServicePages

/// The texts a relay forwards unchanged, from `site-templates/messages/`.
final class NotificationMessagesTests: XCTestCase {
    func facts(_ kind: NotificationKind, name: String = "김예약", comment: String = "") -> NotificationFacts {
        NotificationFacts(kind: kind, eventId: "evt_1", orderId: "FhuPM0IXadJXcuCSpdlDqGS5", restaurantName: "을지로 연탄고기", restaurantSlug: "euljiro-gogi",
                          when: "12월 4일 (금) 오후 5:00", tableName: "4인석", partySize: 2, guestName: name, phone: "010-1234-5678",
                          comment: comment, amount: "20,000원", refund: kind == .cancelled ? "16,000원" : nil, code: "K7QX-2M9P")
    }

    func testEveryEventHasKoreanTextsForGuestAndRestaurant() throws {
        let messages = try TemplateNotificationMessages(templatesFolder: SharedFolder.projectRoot.appendingPathComponent("site-templates"))
        let paid = try messages.render(facts(.paid, comment: "창가 자리"))
        XCTAssertEqual(paid.guest, "[을지로 연탄고기] 12월 4일 (금) 오후 5:00 2명 예약이 완료되었습니다. 예약번호 K7QX-2M9P")
        XCTAssertEqual(paid.restaurant, "[새 예약] 12월 4일 (금) 오후 5:00 2명 (4인석) 김예약 010-1234-5678, 예약금 20,000원, 요청 사항: 창가 자리. 예약번호 K7QX-2M9P")
        for kind in NotificationKind.allCases where kind != .released {
            let texts = try messages.render(facts(kind))
            XCTAssertTrue(texts.guest.contains("K7QX-2M9P") && texts.restaurant.contains("K7QX-2M9P"), "the code a person reads out: \(kind)")
            XCTAssertFalse(texts.guest.contains("FhuPM0IX"), "not the long order id: \(texts.guest)")
        }
        let cancelled = try messages.render(facts(.cancelled))
        XCTAssertTrue(cancelled.guest.contains("예약이 취소되었습니다. 환불 16,000원"), cancelled.guest)
        for kind in NotificationKind.allCases {
            let texts = try messages.render(facts(kind))
            XCTAssertFalse(texts.guest.isEmpty || texts.restaurant.isEmpty, "\(kind)")
            XCTAssertFalse(texts.guest.contains("\n") || texts.restaurant.contains("\n"), "one line each: \(kind)")
        }
    }

    func testGuestTextIsPlainNotHTMLEscaped() throws {
        let messages = try TemplateNotificationMessages(templatesFolder: SharedFolder.projectRoot.appendingPathComponent("site-templates"))
        let texts = try messages.render(facts(.paid, name: "O'Neil <b>&"))
        XCTAssertTrue(texts.restaurant.contains("O'Neil <b>&"), "SMS text, escaped by the JSON writer instead: \(texts.restaurant)")
    }

    /// The texts go out as SMS as they are: a guest's comment cannot add lines of its own (a
    /// forged "[예약 취소]" line, found by an outside review) and direction overrides are dropped.
    func testTheGuestsWordsStayOnOneLineWithoutDirectionOverrides() throws {
        let messages = try TemplateNotificationMessages(templatesFolder: SharedFolder.projectRoot.appendingPathComponent("site-templates"))
        let forged = "없음.\n\n[예약 취소] 12월 2일 (수) 오후 12:00 2명 홍길동 01012345678\r\u{2028}끝"
        let texts = try messages.render(facts(.paid, name: "홍\u{202E}동길\u{200B}", comment: forged))
        XCTAssertFalse(texts.restaurant.contains("\n") || texts.restaurant.contains("\r") || texts.restaurant.contains("\u{2028}"), texts.restaurant)
        XCTAssertFalse(texts.restaurant.unicodeScalars.contains { $0.properties.generalCategory == .format }, texts.restaurant)
        XCTAssertTrue(texts.restaurant.contains("홍동길 010-1234-5678"), texts.restaurant)
        XCTAssertTrue(texts.restaurant.contains("요청 사항: 없음. [예약 취소] 12월 2일"), texts.restaurant)
    }

    func testATemplateMissingAnEventIsRefusedAtLoad() throws {
        let folder = try TemporaryDirectory(prefix: "messages")
        _ = try folder.write("messages/guest.mustache", "{{#paid}}완료{{/paid}}")
        _ = try folder.write("messages/restaurant.mustache", "{{#paid}}새 예약{{/paid}}")
        XCTAssertThrowsError(try TemplateNotificationMessages(templatesFolder: folder.url)) { error in
            XCTAssertTrue("\(error)".contains("booking.cancelled"), "\(error)")
        }
    }
}
