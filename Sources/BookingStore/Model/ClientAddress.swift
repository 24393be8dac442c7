import Foundation

/// Where a hold request came from: the client's IP address and its network (/24 for IPv4,
/// /64 for IPv6, the blocks one household, office or carrier pool usually gets), both in one
/// canonical text form so the hold limits can count them in SQL. `unknown` (empty texts) is
/// counted against no address or network limit: it only happens for callers without a socket
/// (the staff CLI, tests).
package struct ClientAddress: Sendable, Hashable, CustomStringConvertible {
    /// `203.0.113.7` or `2001:db8::1` (IPv4-mapped IPv6 is written as IPv4).
    package var address: String
    /// `203.0.113.0/24` or `2001:db8:0:0::/64`.
    package var network: String

    package static let unknown = ClientAddress(address: "", network: "")

    package init(address: String, network: String) {
        self.address = address
        self.network = network
    }

    /// Parses a numeric IPv4 or IPv6 address (an IPv6 zone `%eth0` is dropped); nil for anything
    /// else, so a forwarded header cannot smuggle in arbitrary text.
    package init?(_ text: String) {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(ipv4: withUnsafeBytes(of: &v4) { Array($0) })
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            self.init(ipv4: Array(bytes[12..<16]))
            return
        }
        var canonical = in6_addr()
        withUnsafeMutableBytes(of: &canonical) { $0.copyBytes(from: bytes) }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        self.init(address: Self.text(AF_INET6, &canonical), network: groups.joined(separator: ":") + "::/64")
    }

    private init(ipv4 bytes: [UInt8]) {
        self.init(address: bytes.map(String.init).joined(separator: "."),
                  network: bytes[0..<3].map(String.init).joined(separator: ".") + ".0/24")
    }

    private static func text(_ family: Int32, _ value: inout in6_addr) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(family, &value, &buffer, socklen_t(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package var isKnown: Bool { !address.isEmpty }
    package var description: String { isKnown ? address : "unknown" }
}
