import Foundation
import YeyakContent

/// Two content folders on tmpfs, written once; each input replaces one file in one of them.
///
/// The loader reads files by path (there is no in-memory entry point, and the fuzzers must not
/// add one to the library), so the input goes through a file; on tmpfs that costs microseconds.
final class ContentFixture: @unchecked Sendable {
    // Only libFuzzer's single thread uses it, one input at a time.
    nonisolated(unsafe) static let shared = ContentFixture()

    /// A fixed moment, so "the next 21 days" rules expand the same way for every run.
    let now = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01 00:00 UTC
    let restaurantFolder: URL
    let siteFolder: URL

    private init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let root = URL(fileURLWithPath: base).appendingPathComponent("yeyak-fuzz-\(getpid())")
        restaurantFolder = root.appendingPathComponent("as-restaurant")
        siteFolder = root.appendingPathComponent("as-site")
        do {
            for folder in [restaurantFolder, siteFolder] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("restaurants"),
                                                        withIntermediateDirectories: true)
            }
            for folder in [restaurantFolder, siteFolder] {
                try Data(Self.validSite.utf8).write(to: folder.appendingPathComponent("site.json"))
                try Data(Self.validRestaurant.utf8).write(to: folder.appendingPathComponent("restaurants/x.json"))
            }
        } catch {
            fatalError("cannot prepare \(root.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: ContentFixture.shared.restaurantFolder.deletingLastPathComponent()) }
        // Both fixtures must load, or every input would only exercise the error paths.
        check(try? ContentLoader.load(from: restaurantFolder, now: now))
    }

    func loadRestaurant(_ bytes: [UInt8]) {
        write(bytes, to: restaurantFolder.appendingPathComponent("restaurants/x.json"))
        check(try? ContentLoader.load(from: restaurantFolder, now: now), acceptsFixture: false)
    }

    func loadSite(_ bytes: [UInt8]) {
        write(bytes, to: siteFolder.appendingPathComponent("site.json"))
        check(try? ContentLoader.load(from: siteFolder, now: now), acceptsFixture: false)
    }

    private func write(_ bytes: [UInt8], to url: URL) {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            fatalError("cannot write \(url.path)")
        }
    }

    /// Promises the booking service relies on for any content `yeyak check` accepts.
    private func check(_ content: SiteContent?, acceptsFixture: Bool = true) {
        guard let content else {
            if acceptsFixture { fatalError("the fixture content does not load") }
            return
        }
        for restaurant in content.restaurants {
            var seen = Set<String>()
            let tableIds = Set(restaurant.tables.map(\.id))
            for slot in restaurant.slots {
                if !seen.insert(slot.id).inserted { fatalError("duplicate slot id \(slot.id)") }
                if !tableIds.contains(slot.tableId) { fatalError("slot \(slot.id) on unknown table \(slot.tableId)") }
                if slot.capacity < 1 { fatalError("slot \(slot.id) with capacity \(slot.capacity)") }
            }
        }
    }

    static let validSite = """
        {"title": "예약 Yeyak", "tagline": "좋아하는 식당", "baseURL": "http://127.0.0.1:8080/",
         "serviceURL": "http://127.0.0.1:8080", "timeZone": "Asia/Seoul", "currency": "KRW",
         "toss": {"clientKey": "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", "sdkURL": "https://js.tosspayments.com/v2/standard"}}
        """

    static let validRestaurant = """
        {"name": "맛있는 집밥", "description": "집밥 정식", "address": "서울특별시 마포구 월드컵북로4길 21",
         "phone": "02-332-1845", "images": [{"src": "images/jipbap.svg", "alt": "집밥 한 상"}],
         "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
         "tables": [{"id": "hall4", "name": "홀 4인석", "seats": 4, "depositPerPerson": 10000}],
         "weekly": [{"tables": ["hall4"], "days": ["mon-fri"], "times": ["12:00", "18:00"], "nextDays": 7}]}
        """
}
