import BookingStore
import XCTest

final class OrderIDTests: XCTestCase {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomIdsFollowTossRulesAndCarryEnoughBits() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let id = OrderID.random()
            XCTAssertEqual(id.count, 24)  // 144 bits at 6 bits per character
            XCTAssertTrue(OrderID.isValid(id), id)
            seen.insert(id)
        }
        XCTAssertEqual(seen.count, 500)
        XCTAssertGreaterThanOrEqual(OrderID.randomBytes * 8, 128)
    }

    func testInjectedGeneratorIsDeterministic() {
        var a = SeededGenerator(state: 42)
        var b = SeededGenerator(state: 42)
        XCTAssertEqual(OrderID.random(using: &a), OrderID.random(using: &b))
        XCTAssertNotEqual(OrderID.random(using: &a), OrderID.random(using: &a))
    }

    func testEncodingUsesTheWholeAlphabet() {
        var generator = SeededGenerator(state: 7)
        let characters = Set((0..<300).flatMap { _ in OrderID.random(using: &generator) })
        XCTAssertEqual(characters.count, 64)
    }

    func testValidity() {
        XCTAssertFalse(OrderID.isValid("abc12"))
        XCTAssertFalse(OrderID.isValid(String(repeating: "a", count: 65)))
        XCTAssertFalse(OrderID.isValid("abc=def"))
        XCTAssertTrue(OrderID.isValid("a_b-C9"))
    }
}
