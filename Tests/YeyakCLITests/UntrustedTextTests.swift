import XCTest
@testable import YeyakCLI

/// The one escaping for log lines and the staff's terminal.
final class UntrustedTextTests: XCTestCase {
    func testControlSeparatorAndBidiCharactersBecomeVisibleEscapes() {
        XCTAssertEqual(UntrustedText.visible("pk_1\nyeyak: webhook: forged"), #"pk_1\nyeyak: webhook: forged"#)
        XCTAssertEqual(UntrustedText.visible("\u{1B}[31mred\r\t"), #"\u{1B}[31mred\r\t"#)
        XCTAssertEqual(UntrustedText.visible("abc\u{202E}fed\u{2066}\u{200F}"), #"abc\u{202E}fed\u{2066}\u{200F}"#)
        XCTAssertEqual(UntrustedText.visible("a\u{2028}b\u{85}c\u{7F}\u{0}"), #"a\u{2028}b\u{85}c\u{7F}\u{0}"#)
        // A backslash is doubled, so text cannot pretend to be an escape.
        XCTAssertEqual(UntrustedText.visible(#"C:\n"#), #"C:\\n"#)
        // Ordinary text, Korean included, is unchanged.
        XCTAssertEqual(UntrustedText.visible("김예약 010-1234-5678 창가 😀"), "김예약 010-1234-5678 창가 😀")
    }

    /// One event, one line: no scalar that a terminal or log reader treats as a line end survives.
    func testEveryScalarBelowU3000StaysOnOneLine() {
        var all = String.UnicodeScalarView()
        for value in 0..<0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        let escaped = UntrustedText.visible(String(all))
        for scalar in escaped.unicodeScalars {
            XCTAssertFalse([0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x85, 0x2028, 0x2029, 0x202E].contains(scalar.value), "\(scalar.value)")
        }
    }
}
