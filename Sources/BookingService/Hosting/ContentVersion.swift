import Foundation

/// The version of a content folder as several instances on one database compare it: the newest
/// modification time (milliseconds) of any file in it. A deploy writes the new files, so the
/// instance already deployed has the larger version and one still on the old files cannot
/// undo its prices or slots (`BookingStore.syncInventory(_:contentVersion:now:)`); a rollback
/// writes the old files anew, so it wins as it should. nil when the folder cannot be read.
package enum ContentVersion {
    package static func of(_ folder: URL) -> Int64? {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.contentModificationDateKey], options: [.skipsHiddenFiles])
        else { return nil }
        var newest: Date?
        for case let file as URL in walker {
            guard let modified = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate else { continue }
            if newest.map({ modified > $0 }) ?? true { newest = modified }
        }
        return newest.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.down)) }
    }
}
