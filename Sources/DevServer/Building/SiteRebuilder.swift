import Foundation
import SiteBuilder
import YeyakContent

/// One `yeyak build` with fixed inputs and overrides, run again on every change. Incremental:
/// SiteBuilder rewrites only files whose bytes change. Content is validated before anything is
/// written, so a mistake leaves the last good build in `output/`.
package struct SiteRebuilder: Sendable {
    package let content: URL
    package let templates: URL
    package let output: URL
    package let overrides: SiteOverrides

    package init(content: URL, templates: URL, output: URL, overrides: SiteOverrides) {
        self.content = content
        self.templates = templates
        self.output = output
        self.overrides = overrides
    }

    /// What an editor changes: the content and the templates (with their assets).
    package var watchedFolders: [URL] { [content, templates] }

    /// Builds; throws `ContentErrors` (every problem) or the builder's error.
    package func build() throws -> BuildReport {
        try SiteBuilder.build(content: content, templates: templates, output: output, overrides: overrides)
    }
}
