import BookingService
import BookingStore
import Foundation
import YeyakContent

/// `yeyak check`: validate `content/` and print what it describes.
enum CheckCommand {
    static let command = Command(
        name: "check", summary: "Validate content/ and print a summary.",
        discussion: """
            Lists every problem at once (file, field and what is wrong) and exits 1 when there is any.
            With --db, also refuses an edit the service would refuse on reload: a table or slot with
            upcoming bookings in that database dropped while its seats are offered again under a new
            id (e.g. a renamed table without "renamedFrom"). The database is only read.
            """,
        options: [
            .value("--content", "DIR", "The content folder.", default: "content"),
            .value("--days", "N", "How many coming days the summary counts slots for.", default: "7"),
            .value("--db", "FILE", "The service's SQLite database (or postgres:// URL), to check the edit against its bookings."),
        ]
    ) { arguments in
        let days = try arguments.integer("--days", in: 1...366) ?? 7
        let now = Date()
        let content = try loadContent(arguments.value("--content")!, now: now)
        try checkSecretKey(ProcessInfo.processInfo.environment, clientKey: content.site.tossClientKey)
        if let database = arguments.value("--db") {
            let problems = try await editProblems(content, database: database, now: now)
            if !problems.isEmpty { throw CommandFailure(ContentErrors(problems).description) }
        }
        print(summary(content, now: now, days: days))
        return 0
    }

    /// What a reload of `content` into the service on `database` would refuse.
    static func editProblems(_ content: SiteContent, database: String, now: Date) async throws -> [ContentProblem] {
        let store = try StaffStore.open(database)
        defer { store.close() }
        return try await ContentEditCheck.problems(content, store: store, now: now)
    }

    static func summary(_ content: SiteContent, now: Date, days: Int) -> String {
        let zone = content.site.timeZone
        let until = now.addingTimeInterval(Double(days) * 86_400)
        var lines = ["\(content.site.title): \(content.restaurants.count) restaurants, times in \(zone.identifier)"]
        for restaurant in content.restaurants {
            let coming = restaurant.slots.filter { $0.startsAt > now && $0.startsAt <= until }
            let seats = coming.reduce(0) { $0 + $1.capacity }
            let deposits = Set(restaurant.tables.map(\.depositPerPerson)).sorted().map(KoreanFormat.won)
            lines.append("  \(restaurant.slug)  \(restaurant.name): \(restaurant.tables.count) tables, "
                + "\(coming.count) slots (\(seats) seats) in the next \(days) days, deposit \(deposits.joined(separator: "/")) per person")
        }
        return lines.joined(separator: "\n")
    }
}

/// Loads content or fails with every problem listed (shared by check, build, serve and dev).
func loadContent(_ path: String, now: Date = Date()) throws -> SiteContent {
    let directory = URL(fileURLWithPath: path, isDirectory: true)
    try requireFolder(path)
    do {
        return try ContentLoader.load(from: directory, now: now)
    } catch {
        throw CommandFailure(error.description)
    }
}

/// When `TOSS_SECRET_KEY` is set (the service's environment, or the shell an operator checks in),
/// it must be a secret of the same product and mode as the site's client key: a widget client key
/// with an API-individual secret builds fine and then fails every confirm with INVALID_API_KEY.
/// Offline: only the prefixes are compared.
func checkSecretKey(_ environment: [String: String], clientKey: String) throws {
    guard let secret = environment["TOSS_SECRET_KEY"], !secret.isEmpty else { return }
    if let problem = TossKeyRules.secretKeyProblem(secret: secret, clientKey: clientKey) {
        throw CommandFailure("site.json: toss.clientKey: " + problem)
    }
}

/// A missing content folder is one clear line, not a problem per file.
func requireFolder(_ path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw CommandFailure("content folder '\(path)' does not exist")
    }
}
