/// What a build did, for the summary line and for `yeyak dev`'s reload decision.
public struct BuildReport: Sendable, Equatable {
    /// Files whose bytes changed (or were new) and were written.
    public var written: Int
    /// Files left untouched because they already held the right bytes.
    public var unchanged: Int
    /// Files an earlier build wrote that this build no longer produces, deleted.
    public var removed: Int
    /// HTML pages produced (written or unchanged).
    public var pages: Int
    public var milliseconds: Int

    /// `12 written, 4031 unchanged, 2 removed in 183 ms`.
    public var summary: String {
        "\(written) written, \(unchanged) unchanged, \(removed) removed in \(milliseconds) ms"
    }

    /// True when the build changed anything in `output/` (pages to reload).
    public var changedOutput: Bool { written > 0 || removed > 0 }
}
