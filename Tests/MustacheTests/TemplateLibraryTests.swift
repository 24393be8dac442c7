import Foundation
import Mustache
import TestSupport
import XCTest

/// How the site builder and the service load `site-templates/` and render pages by name.
final class TemplateLibraryTests: XCTestCase {
    func testLoadsAFolderByRelativeNameAndRendersWithLayoutAndPartials() throws {
        let folder = try TemporaryDirectory()
        try folder.write("layout.mustache", """
            <!doctype html>
            <html lang="ko">
            <title>{{$title}}Yeyak{{/title}}</title>
            <body>
              {{>partials/header}}
              <main>
                {{$main}}
                {{/main}}
              </main>
            </body>
            </html>

            """)
        try folder.write("partials/header.mustache", "<header>\n  <a href=\"{{base}}/\">예약</a>\n</header>\n")
        try folder.write("restaurant.mustache", """
            {{<layout}}
            {{$title}}{{name}} - Yeyak{{/title}}
            {{$main}}
            <h1>{{name}}</h1>
            <p>{{address}}</p>
            {{/main}}
            {{/layout}}

            """)
        try folder.write("notes.txt", "not a template {{")

        let library = try TemplateLibrary(directory: folder.url)
        XCTAssertEqual(library.names, ["layout", "partials/header", "restaurant"])

        let html = try library.render("restaurant", ["base": "/site", "name": "맛있는 집밥", "address": "서울 <중구>"])
        XCTAssertEqual(html, """
            <!doctype html>
            <html lang="ko">
            <title>맛있는 집밥 - Yeyak</title>
            <body>
              <header>
                <a href="/site/">예약</a>
              </header>
              <main>
                <h1>맛있는 집밥</h1>
                <p>서울 &lt;중구&gt;</p>
              </main>
            </body>
            </html>

            """)
    }

    func testABrokenFileFailsTheLoadNamingTheFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("ok.mustache", "fine")
        try folder.write("partials/slots.mustache", "<ul>\n{{#slots}}\n<li>{{time}}</li>\n")
        XCTAssertThrowsError(try TemplateLibrary(directory: folder.url)) { error in
            XCTAssertEqual("\(error)", "partials/slots.mustache:2:1: unclosed section 'slots'")
        }
    }

    func testRenderingAnUnknownNameListsTheKnownOnes() throws {
        let library = try TemplateLibrary(sources: ["index": "i", "restaurant": "r"])
        XCTAssertThrowsError(try library.render("booking", [:])) { error in
            XCTAssertEqual("\(error)", "booking: no such template (known: index, restaurant)")
        }
    }

    func testAMissingFolderIsAnError() {
        XCTAssertThrowsError(try TemplateLibrary(directory: URL(fileURLWithPath: "/nonexistent/site-templates"))) { error in
            XCTAssertEqual("\(error)", "/nonexistent/site-templates: no such template folder")
        }
    }

    func testRenderByNameIntoAReusedBuffer() throws {
        let library = try TemplateLibrary(sources: ["slot": "<li>{{time}}</li>"])
        var buffer: [UInt8] = []
        for time in ["18:00", "19:30"] {
            buffer.removeAll(keepingCapacity: true)
            try library.render("slot", ["time": .string(time)], into: &buffer)
            XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "<li>\(time)</li>")
        }
    }

    func testMissingPartialRendersAsNothing() throws {
        XCTAssertEqual(try TemplateLibrary(sources: ["page": "[{{>nowhere}}]"]).render("page", [:]), "[]")
    }

    func testDirectoryPartialsLoadLazilyAndStayInsideTheFolder() throws {
        let folder = try TemporaryDirectory()
        try folder.write("partials/slot.mustache", "<li>{{time}}</li>")
        try folder.write("secret.mustache", "SECRET")
        let partials = DirectoryPartials(directory: folder.url.appendingPathComponent("partials"))
        let template = try Template("{{#slots}}{{>slot}}{{/slots}}{{>../secret}}{{>missing}}")
        let output = try template.render(["slots": [["time": "18:00"], ["time": "19:30"]]], partials: partials)
        XCTAssertEqual(output, "<li>18:00</li><li>19:30</li>")

        // Parsed once: a later change to the file is not seen by the same provider.
        try folder.write("partials/slot.mustache", "changed")
        XCTAssertEqual(try template.render(["slots": [["time": "20:00"]]], partials: partials), "<li>20:00</li>")
    }

    func testDirectoryPartialWithASyntaxErrorFailsTheRender() throws {
        let folder = try TemporaryDirectory()
        try folder.write("broken.mustache", "ok\n{{/x}}")
        let partials = DirectoryPartials(directory: folder.url)
        XCTAssertThrowsError(try Template("{{>broken}}").render([:], partials: partials)) { error in
            XCTAssertEqual("\(error)", "broken.mustache:2:1: closing tag 'x' without an open section")
        }
    }
}
