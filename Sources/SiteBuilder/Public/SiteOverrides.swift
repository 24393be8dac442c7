import Foundation
import YeyakContent

/// Settings that replace the site file's for one build, e.g. `yeyak dev` pointing the SDK at the
/// local sandbox and the service at its own port, without editing `content/site.json`.
package struct SiteOverrides: Sendable {
    package var baseURL: URL?
    package var serviceURL: URL?
    package var tossSDKURL: URL?
    package var tossClientKey: String?
    /// Links end in `index.html` so the output can be browsed as plain files (no web server).
    package var fileLinks: Bool

    package init(baseURL: URL? = nil, serviceURL: URL? = nil, tossSDKURL: URL? = nil,
                tossClientKey: String? = nil, fileLinks: Bool = false) {
        self.baseURL = baseURL
        self.serviceURL = serviceURL
        self.tossSDKURL = tossSDKURL
        self.tossClientKey = tossClientKey
        self.fileLinks = fileLinks
    }

    /// The site with the overrides applied; refuses a secret key and non-http(s) URLs.
    package func apply(to site: Site) throws -> Site {
        var site = site
        for (name, url) in [("base URL", baseURL), ("service URL", serviceURL), ("Toss SDK URL", tossSDKURL)] {
            if let url, !["http", "https"].contains(url.scheme?.lowercased() ?? "") || url.host == nil {
                throw BuildError("the \(name) '\(url.absoluteString)' must be an absolute http(s) URL")
            }
        }
        if let baseURL { site.baseURL = baseURL }
        if let serviceURL { site.serviceURL = serviceURL }
        if let tossSDKURL { site.tossSDKURL = tossSDKURL }
        if let key = tossClientKey {
            guard !key.contains("_sk_"), !key.contains("_gsk_") else {
                throw BuildError("the Toss key given looks like a secret key; only the client key (test_gck_…/live_gck_…) may go into pages")
            }
            guard ["test_gck_", "live_gck_", "test_ck_", "live_ck_"].contains(where: key.hasPrefix) else {
                throw BuildError("'\(key)' is not a Toss client key (test_gck_…, live_gck_…, test_ck_… or live_ck_…)")
            }
            if let problem = TossKeyRules.widgetClientKeyProblem(key) { throw BuildError("--toss-client-key: " + problem) }
            site.tossClientKey = key
        }
        return site
    }
}

extension Site {
    /// `serviceURL` without a trailing slash, ready for `+ "/api/reservations"`.
    var serviceOrigin: String {
        var text = serviceURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// `baseURL` with exactly one trailing slash.
    package var baseURLWithSlash: String {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text + "/"
    }
}
