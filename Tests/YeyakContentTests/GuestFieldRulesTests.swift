import YeyakContent
import XCTest

/// The phone and name rules the booking page and the service share.
final class GuestFieldRulesTests: XCTestCase {
    func testKoreanMobileAndLandlineNumbersAreAcceptedAsDigits() {
        let accepted = [
            "010-1234-5678": "01012345678", "01012345678": "01012345678", "011-123-4567": "0111234567",
            "02-123-4567": "021234567", "02-1234-5678": "0212345678", "031-123-4567": "0311234567",
            "064-7123-4567": "06471234567", "070-1234-5678": "07012345678", " 010-1234-5678 ": "01012345678",
        ]
        for (input, digits) in accepted {
            XCTAssertEqual(GuestFieldRules.normalizedPhone(input), digits, input)
        }
    }

    func testMalformedPhoneNumbersAreRefused() {
        for input in ["", "010", "010--1234-5678", "-010-1234-5678", "010-1234-5678-", "+82-10-1234-5678",
                      "010 1234 5678", "1588-1234", "012-345-6789", "02-12-345", "010-1234-56789", "abc", "070-123-4567",
                      "019-1234-56789"] {
            XCTAssertNil(GuestFieldRules.normalizedPhone(input), input)
        }
    }

    func testNameIsTrimmedAndBounded() {
        XCTAssertEqual(try GuestFieldRules.checkName("  김예약 ").get(), "김예약")
        XCTAssertEqual(GuestFieldRules.checkName("   "), .failure(FieldProblem(field: "name", message: "예약자 이름을 입력해 주세요.")))
        XCTAssertNoThrow(try GuestFieldRules.checkName(String(repeating: "가", count: 50)).get())
        XCTAssertEqual(GuestFieldRules.checkName(String(repeating: "가", count: 51)),
                       .failure(FieldProblem(field: "name", message: "이름은 50자 이내로 입력해 주세요.")))
        XCTAssertNil(GuestFieldRules.checkComment(String(repeating: "a", count: 500)))
        XCTAssertNotNil(GuestFieldRules.checkComment(String(repeating: "a", count: 501)))
    }

    /// Direction overrides and zero-width characters would reverse or hide part of a name in the
    /// restaurant's messages and the host stand's sheet.
    func testANameWithFormatOrControlCharactersIsRefused() {
        for name in ["홍\u{202E}동길", "김\u{200B}예약", "\u{2066}김예약", "김\u{0007}예약"] {
            XCTAssertEqual(GuestFieldRules.checkName(name),
                           .failure(FieldProblem(field: "name", message: GuestFieldRules.Message.nameInvalidCharacters)), name.debugDescription)
        }
        XCTAssertNoThrow(try GuestFieldRules.checkName("O'Neil 김").get())
    }

    /// A name of one letter and thousands of combining marks is one character: bytes bound it too.
    func testNameAndCommentAreBoundedInBytes() {
        let marks = "a" + String(repeating: "\u{301}", count: 150_000)  // 300 KB, one character
        XCTAssertEqual(marks.count, 1)
        XCTAssertEqual(GuestFieldRules.checkName(marks), .failure(FieldProblem(field: "name", message: GuestFieldRules.Message.nameTooLong)))
        XCTAssertEqual(GuestFieldRules.checkName("a" + String(repeating: "\u{301}", count: 100)),  // 201 bytes
                       .failure(FieldProblem(field: "name", message: GuestFieldRules.Message.nameTooLong)))
        XCTAssertNoThrow(try GuestFieldRules.checkName(String(repeating: "😀", count: 50)).get(), "200 bytes of real characters")
        XCTAssertNotNil(GuestFieldRules.checkComment("a" + String(repeating: "\u{301}", count: 1_000)))
        XCTAssertNil(GuestFieldRules.checkComment(String(repeating: "😀", count: 500)))
    }
}
