#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that was free a moment ago: bind port 0, read what the kernel chose,
/// close. For tests that must pass a port number to a child process before it starts.
package enum FreePort {
    package static func find() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(fd, generic, length) == 0 else { return -1 }
                return getsockname(fd, generic, &length)
            }
        }
        precondition(bound == 0, "cannot bind 127.0.0.1:0")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A listening socket on 127.0.0.1 at a port the kernel chose, for tests' own small servers.
package enum LoopbackListener {
    /// The listening descriptor and its port; throws when the socket cannot be bound.
    package static func open(backlog: Int32 = 64) throws -> (descriptor: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 && listen(listener, backlog) == 0
            }
        }
        guard ok else {
            close(listener)
            throw LoopbackListenerError()
        }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }
}

package struct LoopbackListenerError: Error, CustomStringConvertible {
    package var description: String { "cannot listen on 127.0.0.1" }
}
