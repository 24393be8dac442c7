import Foundation

/// Reads `content/` (the site file and `restaurants/*.json`) into a validated `SiteContent`,
/// or throws `ContentErrors` listing every problem in every file at once.
public enum ContentLoader {
    public static let siteFile = "site.json"
    public static let restaurantsFolder = "restaurants"

    /// - Parameter now: the moment "the next N days" rules count from (injected for tests).
    public static func load(from directory: URL, now: Date = Date()) throws(ContentErrors) -> SiteContent {
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
                                           message: "no restaurant files (*.json) found; add at least one restaurant"))
        }
        for file in files {
            let name = "\(restaurantsFolder)/\(file)"
            let log = ProblemLog(file: name)
            if let root = readJSON(folder.appendingPathComponent(file), name: name, log: log) {
                let slug = String(file.dropLast(".json".count))
                if let restaurant = RestaurantReader.read(root, slug: slug, today: today, zone: zone, log: log) {
                    restaurants.append(restaurant)
                }
            }
            problems += log.problems
        }

        guard problems.isEmpty, let site else { throw ContentErrors(problems) }
        return SiteContent(site: site, restaurants: restaurants)
    }

    /// Parses one file; reports unreadable files, syntax errors (with line and column) and
    /// anything that looks like a Toss secret key, which must never reach the site.
    static func readJSON(_ url: URL, name: String, log: ProblemLog) -> JSONNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.report(.root, FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "is missing")
            return nil
        }
        do {
            let root = try JSONParser.parse(Array(data))
            SecretScanner.scan(root, path: .root, log: log)
            return root
        } catch {
            log.report(.root, "not valid JSON: \(error)")
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
            log.report(path, "looks like a Toss secret key; secret keys must never be in content (set TOSS_SECRET_KEY in the service's environment instead)")
        case .object(let members):
            for member in members { scan(member.node, path: path.key(member.key), log: log) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { scan(element, path: path.index(index), log: log) }
        default:
            break
        }
    }
}
