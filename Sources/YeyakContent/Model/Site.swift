import Foundation

/// The site file (`content/site.json`): what every page and the service share.
package struct Site: Sendable {
    package var title: String
    package var tagline: String?
    /// Where the pages are published, e.g. `https://yeyak.example/` (absolute, http or https).
    package var baseURL: URL
    /// Where `yeyak serve` answers, e.g. `https://yeyak.example` or `https://api.yeyak.example`.
    package var serviceURL: URL
    package var timeZone: TimeZone
    package var currency: String
    /// The Toss client key (public; a secret key is refused).
    package var tossClientKey: String
    /// The Toss browser SDK script, `https://js.tosspayments.com/v2/standard` or the sandbox's.
    package var tossSDKURL: URL

    package init(
        title: String, tagline: String? = nil, baseURL: URL, serviceURL: URL,
        timeZone: TimeZone, currency: String = "KRW", tossClientKey: String, tossSDKURL: URL
    ) {
        self.title = title
        self.tagline = tagline
        self.baseURL = baseURL
        self.serviceURL = serviceURL
        self.timeZone = timeZone
        self.currency = currency
        self.tossClientKey = tossClientKey
        self.tossSDKURL = tossSDKURL
    }
}
