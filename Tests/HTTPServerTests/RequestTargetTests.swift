import XCTest
@testable import HTTPServer

final class RequestTargetTests: XCTestCase {
    private func path(_ raw: String) throws -> String {
        try RequestTarget.parse(ArraySlice(raw.utf8), method: "GET").path
    }

    func testDotSegmentsFollowRFC3986() {
        func removed(_ input: String) -> String {
            String(decoding: RequestTarget.removingDotSegments(Array(input.utf8)), as: UTF8.self)
        }
        XCTAssertEqual(removed("/a/b/c/./../../g"), "/a/g")  // RFC 3986 §5.2.4 example
        XCTAssertEqual(removed("/mid/content=5/../6"), "/mid/6")
        XCTAssertEqual(removed("/.."), "/")
        XCTAssertEqual(removed("/../../../etc/passwd"), "/etc/passwd")
        XCTAssertEqual(removed("/a/.."), "/")
        XCTAssertEqual(removed("/a/b/.."), "/a/")
        XCTAssertEqual(removed("/a/./"), "/a/")
        XCTAssertEqual(removed("/a//b"), "/a//b")
    }

    /// `..` spelled with escapes is removed after decoding, so it can never climb out.
    func testEncodedDotsCannotClimbOut() throws {
        XCTAssertEqual(try path("/static/%2e%2e/secret.txt"), "/secret.txt")
        XCTAssertEqual(try path("/%2e%2e/%2E%2E/etc/passwd"), "/etc/passwd")
        XCTAssertEqual(try path("/a/.%2e/b"), "/b")
        XCTAssertEqual(try path("/%2e%2e"), "/")
    }

    func testDecodesOnlyOnce() throws {
        XCTAssertEqual(try path("/a%2525b"), "/a%25b")
        XCTAssertEqual(try path("/%252e%252e/x"), "/%2e%2e/x")
    }

    func testRefusesWhatDecodingCouldSmuggle() {
        for raw in ["/%2f", "/a%2Fb", "/%5c", "/a\\b", "/%00", "/%zz", "/%", "/%2", "relative", "/%c3%28"] {
            XCTAssertThrowsError(try path(raw), raw) { error in
                XCTAssertEqual((error as? HTTPParseError)?.status, 400, raw)
            }
        }
    }

    func testAsteriskOnlyForOptions() throws {
        XCTAssertEqual(try RequestTarget.parse(ArraySlice("*".utf8), method: "OPTIONS").path, "*")
        XCTAssertThrowsError(try RequestTarget.parse(ArraySlice("*".utf8), method: "GET"))
    }

    func testFormParsing() throws {
        let pairs = try URLEncodedForm.parse("name=%EA%B9%80%EB%AF%BC%EC%A4%80&phone=010-1234-5678&note=a+b%2Bc&&empty=&flag")
        XCTAssertEqual(pairs.map(\.name), ["name", "phone", "note", "empty", "flag"])
        XCTAssertEqual(pairs.map(\.value), ["김민준", "010-1234-5678", "a b+c", "", ""])
        XCTAssertEqual(try URLEncodedForm.parse("a=1&a=2").map(\.value), ["1", "2"])
        XCTAssertEqual(try URLEncodedForm.parse("x=%3D%26").first?.value, "=&")
        XCTAssertTrue(try URLEncodedForm.parse("").isEmpty)
    }

    func testFormParsingRefusesBrokenEscapesAndInvalidUTF8() {
        for body in ["a=%zz", "a=%2", "%=1", "a=%ff", "b=1&a=%"] {
            XCTAssertThrowsError(try URLEncodedForm.parse(body), body)
        }
    }
}
