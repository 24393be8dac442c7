import BookingStore
import Foundation

/// Which database the staff commands (`yeyak bookings`, `yeyak notifications`) open. Staff run
/// them beside `yeyak serve` (whose database is `data/yeyak.sqlite`) or beside `yeyak dev`
/// (`.yeyak-dev/yeyak.sqlite`); without `--db` the first of those that exists is taken, and when
/// none does the error says every place that was looked at, so nobody wonders where it looked.
/// A `postgres://` URL names the database several `yeyak serve` instances share.
enum StaffDatabase {
    /// The places looked at without `--db`, in order: production first, so a server that also
    /// has a stray dev folder never reads the wrong bookings.
    static let usualPlaces = ["data/yeyak.sqlite", ".yeyak-dev/yeyak.sqlite"]

    static let option = OptionSpec.value(
        "--db", "FILE|URL",
        "The SQLite database (default: \(usualPlaces[0]), or \(usualPlaces[1]) beside yeyak dev), or the postgres:// URL of a shared PostgreSQL database.")

    /// The database to open: `--db` when given (a file must exist; a URL is tried when opened),
    /// else the first usual place that exists in the current directory.
    static func path(_ arguments: ParsedArguments) throws -> String {
        if let given = arguments.value("--db") {
            if PostgresBookingStore.isURL(given) { return given }
            guard FileManager.default.fileExists(atPath: given) else { throw CommandFailure("database '\(given)' does not exist") }
            return given
        }
        if let found = usualPlaces.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        let folder = FileManager.default.currentDirectoryPath
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        throw CommandFailure("no database found; looked for \(usualPlaces.map { "'\(base)\($0)'" }.joined(separator: " and ")) "
            + "(yeyak serve keeps \(usualPlaces[0]), yeyak dev \(usualPlaces[1])); pass --db FILE or --db postgres://...")
    }
}
