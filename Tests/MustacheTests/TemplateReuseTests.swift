import Dispatch
import Foundation
import Mustache
import XCTest

/// The site builder parses each template once and renders thousands of pages with it,
/// possibly from several threads: one render must leave nothing behind for the next.
final class TemplateReuseTests: XCTestCase {
    private let page = """
        <h1>{{name}}</h1>
        {{#tables}}
          <p>{{label}}: {{seats}}석</p>
        {{/tables}}
        {{^tables}}
          <p>테이블 없음</p>
        {{/tables}}
        """

    private static func restaurant(_ index: Int) -> MustacheValue {
        let tables: [MustacheValue] = (0..<(index % 3)).map { ["label": .string("T\($0)"), "seats": .int($0 + 2)] }
        return ["name": .string("식당 \(index)"), "tables": .list(tables)]
    }

    private static func expected(_ index: Int) -> String {
        var html = "<h1>식당 \(index)</h1>\n"
        if index % 3 == 0 { return html + "  <p>테이블 없음</p>\n" }
        for table in 0..<(index % 3) { html += "  <p>T\(table): \(table + 2)석</p>\n" }
        return html
    }

    func testOneParsedTemplateRendersManyDifferentPages() throws {
        let template = try Template(page, name: "restaurant.mustache")
        for index in 0..<30 {
            XCTAssertEqual(try template.render(Self.restaurant(index)), Self.expected(index), "page \(index)")
        }
        // Rendering the first again gives the same page: no state kept between renders.
        XCTAssertEqual(try template.render(Self.restaurant(1)), Self.expected(1))
    }

    func testConcurrentRendersOfOneTemplateDoNotInterfere() throws {
        let library = try TemplateLibrary(sources: ["restaurant": page])
        let results = ResultBox(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            results.set(index, (try? library.render("restaurant", Self.restaurant(index))) ?? "error")
        }
        for index in 0..<64 {
            XCTAssertEqual(results.get(index), Self.expected(index), "page \(index)")
        }
    }

    func testRenderIntoAppendsToACallerBuffer() throws {
        let template = try Template("[{{.}}]")
        var buffer = Array("pages:".utf8)
        try template.render(1, into: &buffer)
        try template.render("둘", into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "pages:[1][둘]")
        XCTAssertEqual(try template.renderUTF8("x"), Array("[x]".utf8))
    }
}

/// Results written from `concurrentPerform` workers.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]

    init(count: Int) { values = Array(repeating: "", count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
