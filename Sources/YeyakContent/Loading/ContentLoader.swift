import Foundation
import JSON

/// Reads `content/` (the site file and `restaurants/*.json`) into a validated `SiteContent`,
/// or throws `ContentErrors` listing every problem in every file at once.
package enum ContentLoader {
    package static let siteFile = "site.json"
    package static let restaurantsFolder = "restaurants"

    /// - Parameter now: the moment "the next N days" rules count from (injected for tests).
    package static func load(from directory: URL, now: Date = Date()) throws(ContentErrors) -> SiteContent {
        var problems: [ContentProblem] = []
        let siteLog = ProblemLog(file: siteFile)
        var site: Site?
        if let root = readJSON(directory.appendingPathComponent(siteFile), name: siteFile, log: siteLog) {
            site = SiteReader.read(root, log: siteLog)
        }
        problems += siteLog.problems

        let zone = site?.timeZone ?? TimeZone(identifier: "Asia/Seoul")!
        let today = LocalDateTime(now, in: zone).date
        var restaurants: [Restaurant] = []
        let folder = directory.appendingPathComponent(restaurantsFolder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted()
        if files.isEmpty {
            problems.append(ContentProblem(file: restaurantsFolder + "/", field: "",
                                           message: "식당 파일(*.json)이 없습니다. 식당을 하나 이상 추가하세요"))
        }
        // Files are independent: read and validate them on every core (a restaurant group of
        // thousands of files is mostly JSON parsing), then report in file order.
        let results = ParallelResults<(restaurant: Restaurant?, problems: [ContentProblem])>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let name = "\(restaurantsFolder)/\(file)"
            let log = ProblemLog(file: name)
            var restaurant: Restaurant?
            if let root = readJSON(folder.appendingPathComponent(file), name: name, log: log) {
                let slug = String(file.dropLast(".json".count))
                restaurant = RestaurantReader.read(root, slug: slug, today: today, zone: zone, log: log)
            }
            results.set(index, (restaurant, log.problems))
        }
        for result in results.values {
            if let restaurant = result.restaurant { restaurants.append(restaurant) }
            problems += result.problems
        }

        guard problems.isEmpty, let site else { throw ContentErrors(problems) }
        return SiteContent(site: site, restaurants: restaurants)
    }

    /// Parses one file; reports unreadable files, syntax errors (with line and column) and
    /// anything that looks like a Toss secret key, which must never reach the site.
    static func readJSON(_ url: URL, name: String, log: ProblemLog) -> JSONNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.report(.root, FileManager.default.fileExists(atPath: url.path) ? "파일을 읽을 수 없습니다" : "파일이 없습니다")
            return nil
        }
        do {
            let root = try JSONParser.parse(Array(data))
            SecretScanner.scan(root, path: .root, log: log)
            return root
        } catch {
            // The parser's detail stays as the JSON module words it (it also answers API clients).
            log.report(.root, "JSON 문법 오류 (\(error.line)행 \(error.column)열): \(error.message)")
            return nil
        }
    }
}

/// Secret keys belong in `TOSS_SECRET_KEY` or an env file outside `output/`; a content file is
/// published, so a secret-looking value anywhere in it is an error.
enum SecretScanner {
    static let secretPrefixes = ["test_sk_", "live_sk_", "test_gsk_", "live_gsk_"]

    static func looksSecret(_ text: String) -> Bool { secretPrefixes.contains { text.hasPrefix($0) } }

    static func scan(_ node: JSONNode, path: FieldPath, log: ProblemLog) {
        switch node.value {
        case .string(let text) where looksSecret(text):
            log.report(path, "토스 시크릿 키로 보입니다. 시크릿 키는 공개되는 콘텐츠에 두면 안 됩니다 (서비스의 환경 변수 TOSS_SECRET_KEY에 두세요)")
        case .object(let members):
            for member in members { scan(member.node, path: path.key(member.key), log: log) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { scan(element, path: path.index(index), log: log) }
        default:
            break
        }
    }
}

/// One slot per index, filled from many threads at once (also the site build's per-restaurant results).
package final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    package init(count: Int) { slots = Array(repeating: nil, count: count) }
    package func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }
    package var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
