/// Builds the URLs the payment window sends the buyer back to, exactly as Toss does:
/// `successUrl?paymentType=NORMAL&orderId=&paymentKey=&amount=` and `failUrl?code=&message=&orderId=`,
/// keeping any query or fragment the merchant's URL already has.
package enum RedirectURL {
    package static func success(_ base: String, orderId: String, paymentKey: String, amount: Int,
                               flow: CheckoutFlow) -> String {
        var parameters: [(String, String)] = []
        if flow == .widget { parameters.append(("paymentType", "NORMAL")) }
        parameters += [("orderId", orderId), ("paymentKey", paymentKey), ("amount", String(amount))]
        return appending(parameters, to: base)
    }

    package static func failure(_ base: String, code: String, message: String, orderId: String) -> String {
        appending([("code", code), ("message", message), ("orderId", orderId)], to: base)
    }

    /// Appends `name=value` pairs to the URL's query, before any `#fragment`.
    static func appending(_ parameters: [(String, String)], to url: String) -> String {
        var head = url
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            head = String(url[..<hash])
            fragment = String(url[hash...])
        }
        let query = parameters.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        let separator: String
        if !head.contains("?") {
            separator = "?"
        } else if head.hasSuffix("?") || head.hasSuffix("&") {
            separator = ""
        } else {
            separator = "&"
        }
        return head + separator + query + fragment
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 bytes).
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
