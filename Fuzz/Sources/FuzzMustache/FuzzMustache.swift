import Mustache

/// libFuzzer entry point: the Mustache parser, then rendering against a small fixed view model.
///
/// Templates are ours, not the guests', but a typo in one must give an error, never a crash, a
/// hang or a sanitizer report during `yeyak build`. Checked besides that:
/// - rendering is deterministic (two renders give the same bytes);
/// - a template without `{{` is plain text and renders to exactly itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let template = try? Template(source, name: "fuzz.mustache") else { return 0 }
    guard MustacheFixture.isBounded(source) else { return 0 }
    let first: [UInt8]
    do {
        first = try template.renderUTF8(MustacheFixture.page, partials: MustacheFixture.partials)
    } catch {
        return 0  // a render error (missing parent, nesting too deep) is a fine answer
    }
    guard let second = try? template.renderUTF8(MustacheFixture.page, partials: MustacheFixture.partials),
          second == first else {
        fatalError("the same template rendered twice gave different output")
    }
    // Bytes, not `String.contains`: "{" followed by a combining mark is one Character.
    if MustacheFixture.occurrences(of: "{{", in: source) == 0, first != Array(source.utf8) {
        fatalError("a template without tags did not render to itself")
    }
    return 0
}

/// Builds the fixture before the first input: libFuzzer checks for leaks around each input, and
/// LeakSanitizer cannot see Swift references kept in an enum's spare pointer bits, so a fixture
/// first built *during* an input is reported as a leak of its nodes (a false positive).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    _ = MustacheFixture.partials
    return 0
}

/// A restaurant-page-like view model and a few partials, fixed so every input is comparable.
enum MustacheFixture {
    static let page: MustacheValue = [
        "title": "맛있는 집밥",
        "html": "<b>'&\"</b>",
        "price": 10_000,
        "ratio": 0.5,
        "open": true,
        "closed": false,
        "none": nil,
        "empty": [],
        "partialName": "item",
        "items": [
            ["name": "창가 2인석", "seats": 2, "children": []],
            ["name": "홀 4인석", "seats": 4, "children": []],
        ],
        "restaurant": ["name": "스시 하나", "table": ["id": "bar8", "seats": 8]],
        "tree": ["name": "root", "children": [
            ["name": "a", "children": [["name": "a1", "children": []]]],
            ["name": "b", "children": []],
        ]],
    ]

    /// Partials include a data-driven recursive one (`node`) and a parent with blocks (`layout`).
    /// Leaves carry `children: []` so `{{#children}}` never falls back to an ancestor's list.
    static let partials: TemplateLibrary = {
        do {
            return try TemplateLibrary(sources: [
                "item": "<li>{{name}} ({{seats}})</li>\n",
                "list": "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n",
                "node": "{{name}}{{#children}}[{{>node}}]{{/children}}",
                "layout": "<title>{{$title}}Yeyak{{/title}}</title>\n{{$body}}{{/body}}\n",
            ])
        } catch {
            fatalError("fixture partials do not parse: \(error)")
        }
    }()

    /// Nested sections over a list multiply: `{{#items}}` nested n deep renders 2^n times. That
    /// is how Mustache works, not a bug, so inputs naming the lists too often are only parsed.
    static func isBounded(_ source: String) -> Bool {
        ["items", "list", "children"].reduce(0) { $0 + occurrences(of: $1, in: source) } <= 8
    }

    static func occurrences(of word: String, in text: String) -> Int {
        let needle = Array(word.utf8), haystack = Array(text.utf8)
        guard haystack.count >= needle.count else { return 0 }
        var count = 0
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            count += 1
        }
        return count
    }
}
