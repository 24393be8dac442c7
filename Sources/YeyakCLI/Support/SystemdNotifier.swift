#if canImport(Glibc)
import Glibc
#endif

/// The sd_notify protocol (one datagram to the AF_UNIX socket named by `NOTIFY_SOCKET`), written
/// out because it is a dozen lines and libsystemd is not worth a dependency. Under the unit's
/// `Type=notify`, systemd counts `yeyak serve` as started only after `READY=1`; until then a
/// `systemctl reload` waits instead of sending SIGHUP into the start-up, which is the one window
/// (the dynamic loader, before our first instruction) where SIGHUP would still kill the process.
/// Outside systemd (`NOTIFY_SOCKET` unset) every call does nothing.
package struct SystemdNotifier: Sendable {
    private let socketPath: String?

    package init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = (path.hasPrefix("/") || path.hasPrefix("@")) ? path : nil
    }

    /// Sends `state` (e.g. "READY=1", "RELOADING=1", "STOPPING=1"); returns false when there is
    /// no socket or the send failed (systemd then sees the start time out, which is the right alarm).
    @discardableResult
    package func notify(_ state: String) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(fd, message, message.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
        return sent == message.count
    }
}
