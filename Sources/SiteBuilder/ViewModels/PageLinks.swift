/// How a page links to the rest of the site.
///
/// Static pages use links relative to the page (`../../assets/site.css`), so the same output
/// works at a host's root, under a sub-path, and opened as plain files. Pages the service
/// renders (results, errors) and the 404 page can be served at any path, so they link from the
/// absolute `site.baseURL` instead.
package struct PageLinks: Sendable {
    /// Prefix that leads to the site root: `./`, `../../`, or `https://yeyak.example/`.
    package let root: String
    /// Appended to folder links: "" for pretty URLs (`restaurants/jipbap/`), or `index.html`
    /// when the site is browsed as plain files (`--file-links`).
    package let indexFile: String

    static func relative(depth: Int, indexFile: String) -> PageLinks {
        PageLinks(root: depth == 0 ? "./" : String(repeating: "../", count: depth), indexFile: indexFile)
    }

    package static func absolute(base: String, indexFile: String) -> PageLinks {
        PageLinks(root: base.hasSuffix("/") ? base : base + "/", indexFile: indexFile)
    }

    /// A link to a folder page, e.g. `restaurants/jipbap/` -> `../../restaurants/jipbap/`.
    package func page(_ folder: String) -> String { root + folder + indexFile }

    /// A link to a file (assets, images), or the URL unchanged when it is already absolute.
    func file(_ path: String) -> String {
        path.hasPrefix("https://") || path.hasPrefix("http://") ? path : root + path
    }
}
