import Foundation
import TestSupport

/// A small content folder written for one test, built with the project's real templates.
final class SiteFixture {
    let folder: TemporaryDirectory
    var content: URL { folder.url.appendingPathComponent("content") }
    var output: URL { folder.url.appendingPathComponent("output") }
    static let templates = SharedFolder.projectRoot.appendingPathComponent("site-templates")
    /// 2026-12-20 09:00 in Seoul: every slot below is in the future.
    static let now = Date(timeIntervalSince1970: 1_797_724_800)

    init() throws {
        folder = try TemporaryDirectory(prefix: "yeyak-site")
        try folder.write("content/site.json", """
            {"title": "예약 Yeyak", "tagline": "자리를 확실하게", "baseURL": "https://yeyak.example/sub/",
             "serviceURL": "https://api.yeyak.example/", "timeZone": "Asia/Seoul",
             "toss": {"clientKey": "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", "sdkURL": "https://js.tosspayments.com/v2/standard"}}
            """)
        try writeRestaurant("jipbap", name: "맛있는 집밥")
        try writeRestaurant("sushi-hana", name: "스시 하나", deposit: 30000)
        try folder.write("content/images/jipbap.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    }

    func writeRestaurant(_ slug: String, name: String, deposit: Int = 10000, description: String = "집밥 정식") throws {
        let encodedName = String(decoding: try JSONSerialization.data(withJSONObject: [name]), as: UTF8.self).dropFirst().dropLast()
        let encodedDescription = String(decoding: try JSONSerialization.data(withJSONObject: [description]), as: UTF8.self).dropFirst().dropLast()
        try folder.write("content/restaurants/\(slug).json", """
            {"name": \(encodedName), "description": \(encodedDescription), "address": "서울특별시 마포구 1",
             "phone": "02-332-1845", "images": [{"src": "images/jipbap.svg", "alt": "집밥 한 상"}], "kind": "standard",
             "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
             "tables": [{"id": "window2", "name": "창가 2인석", "seats": 2, "depositPerPerson": \(deposit)},
                        {"id": "room6", "name": "룸 6인석", "seats": 6, "depositPerPerson": 15000}],
             "slots": [{"table": "window2", "start": "2026-12-24T18:00"}, {"table": "room6", "start": "2026-12-24T18:30"},
                       {"table": "room6", "start": "2026-12-26T12:00"}, {"table": "window2", "start": "2026-12-19T18:00"}]}
            """)
    }

    func removeRestaurant(_ slug: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent("restaurants/\(slug).json"))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) }

    func modificationDate(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.modificationDate] as! Date
    }

    /// Every file under output/ (relative paths), the manifest excluded.
    func outputFiles() -> [String] {
        let root = output.path + "/"
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
