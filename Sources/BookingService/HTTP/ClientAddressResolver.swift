import BookingStore
import HTTPServer

/// Who is asking: the socket peer, or, only when the peer is a proxy the operator listed
/// (`--trusted-proxy`), the client address that proxy forwarded. A forwarded header from anyone
/// else is ignored, since any client can write one.
package struct ClientAddressResolver: Sendable {
    /// Canonical addresses (`ClientAddress.address`) of the trusted proxies.
    package let trustedProxies: Set<String>

    package init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    /// Parses `--trusted-proxy` values; throws naming the first that is no IP address.
    package init(trustedProxyAddresses: [String]) throws {
        var trusted = Set<String>()
        for text in trustedProxyAddresses {
            guard let address = ClientAddress(text) else { throw InvalidTrustedProxy(value: text) }
            trusted.insert(address.address)
        }
        self.init(trustedProxies: trusted)
    }

    package struct InvalidTrustedProxy: Error, CustomStringConvertible {
        package var value: String
        package var description: String { "--trusted-proxy must be a numeric IPv4 or IPv6 address, not '\(value)'" }
    }

    /// The client of `request`; `.unknown` when there is no peer (not a socket).
    ///
    /// From a trusted proxy: the right-most `X-Forwarded-For` entry that is not itself a trusted
    /// proxy (entries further left were written by the client and prove nothing), else
    /// `X-Real-IP`, else the proxy itself. A forwarded value that is no IP address is not used.
    package func client(of request: HTTPRequest) -> ClientAddress {
        guard let peerText = request.remoteAddress, let peer = ClientAddress(peerText) else { return .unknown }
        guard trustedProxies.contains(peer.address) else { return peer }
        let forwarded = request.headers.values(for: "X-Forwarded-For")
            .flatMap { $0.split(separator: ",").map(String.init) }
        for entry in forwarded.reversed() {
            guard let hop = ClientAddress(entry) else { break }
            if !trustedProxies.contains(hop.address) { return hop }
        }
        if let real = request.headers["X-Real-IP"], let address = ClientAddress(real) { return address }
        return peer
    }
}
