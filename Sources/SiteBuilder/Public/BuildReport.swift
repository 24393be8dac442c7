/// What a build did, for the summary line and for `yeyak dev`'s reload decision.
package struct BuildReport: Sendable, Equatable {
    /// Files whose bytes changed (or were new) and were written.
    package var written: Int
    /// Files left untouched because they already held the right bytes.
    package var unchanged: Int
    /// Files an earlier build wrote that this build no longer produces, deleted.
    package var removed: Int
    /// HTML pages produced (written or unchanged).
    package var pages: Int
    package var restaurants: Int
    package var milliseconds: Int
    /// True when the last build was still exactly right and nothing was loaded or rendered:
    /// no input, option or output had changed, and no midnight or slot start had passed.
    package var upToDate: Bool

    /// `12 written, 4031 unchanged, 2 removed in 183 ms`.
    package var summary: String {
        "\(written) written, \(unchanged) unchanged, \(removed) removed in \(milliseconds) ms"
            + (upToDate ? " (nothing changed since the last build)" : "")
    }

    /// True when the build changed anything in `output/` (pages to reload).
    package var changedOutput: Bool { written > 0 || removed > 0 }
}
