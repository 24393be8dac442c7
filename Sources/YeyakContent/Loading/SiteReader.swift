import Foundation
import JSON

/// Reads `site.json`.
enum SiteReader {
    static let keys = ["title", "tagline", "baseURL", "serviceURL", "timeZone", "currency", "toss"]
    static let tossKeys = ["clientKey", "sdkURL"]

    static func read(_ root: JSONNode, log: ProblemLog) -> Site? {
        guard let reader = ObjectReader(root, path: .root, log: log, allowedKeys: keys) else { return nil }
        let title = reader.string("title")
        let tagline = reader.string("tagline", required: false)
        let baseURL = absoluteURL(reader, "baseURL")
        let serviceURL = absoluteURL(reader, "serviceURL")

        var zone: TimeZone?
        if let identifier = reader.string("timeZone") {
            zone = TimeZone(identifier: identifier)
            if zone == nil || !identifier.contains("/") {
                zone = nil
                log.report(FieldPath.root.key("timeZone"), "알 수 없는 시간대입니다 ('\(identifier)'). Asia/Seoul 같은 IANA 이름을 쓰세요")
            }
        }
        let currency = reader.string("currency", required: false) ?? "KRW"
        if currency != "KRW" {
            log.report(FieldPath.root.key("currency"), "KRW여야 합니다 (토스 결제위젯 예약금은 원 단위입니다)")
        }

        var clientKey: String?
        var sdkURL: URL?
        if let toss = reader.object("toss", allowedKeys: tossKeys) {
            if let key = toss.string("clientKey") {
                if SecretScanner.looksSecret(key) {
                    // Already reported by the scanner with the full explanation.
                } else if !isClientKey(key) {
                    log.report(FieldPath.root.key("toss").key("clientKey"),
                               "토스 클라이언트 키가 아닙니다 ('\(key)'). test_gck_..., live_gck_..., test_ck_... 또는 live_ck_...로 시작합니다")
                } else if let problem = TossKeyRules.widgetClientKeyProblem(key) {
                    log.report(FieldPath.root.key("toss").key("clientKey"), problem)
                } else {
                    clientKey = key
                }
            }
            sdkURL = absoluteURL(toss, "sdkURL")
        }

        guard let title, let baseURL, let serviceURL, let zone, let clientKey, let sdkURL, currency == "KRW" else { return nil }
        return Site(title: title, tagline: tagline, baseURL: baseURL, serviceURL: serviceURL, timeZone: zone,
                    currency: currency, tossClientKey: clientKey, tossSDKURL: sdkURL)
    }

    static func isClientKey(_ key: String) -> Bool {
        ["test_gck_", "live_gck_", "test_ck_", "live_ck_"].contains { key.hasPrefix($0) }
            && key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }

    static func absoluteURL(_ reader: ObjectReader, _ key: String) -> URL? {
        guard let text = reader.string(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil, url.query == nil, url.fragment == nil
        else {
            reader.log.report(reader.path.key(key), "쿼리(?) 없는 절대 http(s) 주소여야 합니다 ('\(text)'). 예: https://yeyak.example")
            return nil
        }
        return url
    }
}
