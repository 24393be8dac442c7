import Foundation
import JSON
import YeyakContent

/// libFuzzer entry point: the content decoder, from bytes to a validated restaurant.
///
/// Content files come from editors and pull requests; a broken one must give a list of problems,
/// never a crash, a hang or a sanitizer report in `yeyak check` or the service. Two layers:
/// - `JSONParser.parse` on every input, and for a document it accepts: printing it back as
///   JSON and parsing that again gives the same values (keys, order, strings, numbers as written);
/// - for an object: `ContentLoader.load` with the input as `restaurants/x.json` next to a valid
///   `site.json`, and as `site.json` next to a valid restaurant, in folders on tmpfs (`/dev/shm`).
///   A restaurant it accepts has unique slot ids, each on a known table with at least one seat.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let root = try? JSONParser.parse(bytes) else { return 0 }

    let printed = JSONPrinter.print(root)
    guard let reparsed = try? JSONParser.parse(printed) else {
        fatalError("printed JSON does not parse again: \(String(decoding: printed, as: UTF8.self))")
    }
    guard JSONPrinter.sameValues(root, reparsed) else {
        fatalError("printed JSON parses to other values: \(String(decoding: printed, as: UTF8.self))")
    }

    if case .object = root.value {
        ContentFixture.shared.loadRestaurant(bytes)
        ContentFixture.shared.loadSite(bytes)
    }
    return 0
}

/// Builds the fixture before the first input: libFuzzer checks for leaks around each input, and
/// LeakSanitizer cannot see Swift references kept in an enum's spare pointer bits, so a fixture
/// first built *during* an input is reported as a leak of its nodes (a false positive).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    _ = ContentFixture.shared
    return 0
}
