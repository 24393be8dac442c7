import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX socket calls the event loop needs.
enum Socket {
    /// A non-blocking listening socket on `host:port` (port 0: ephemeral).
    static func listen(host: String, port: Int, backlog: Int) throws(HTTPServerError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .cannotResolve(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError: HTTPServerError = .cannotResolve(host: host, reason: "no address")
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            current = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = .systemCall("socket", errno: errno); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                let code = errno
                close(fd)
                lastError = code == EADDRINUSE ? .addressInUse(host: host, port: port) : .systemCall("bind", errno: code)
                continue
            }
            guard Glibc.listen(fd, Int32(clamping: backlog)) == 0 else {
                let code = errno
                close(fd)
                lastError = code == EADDRINUSE ? .addressInUse(host: host, port: port) : .systemCall("listen", errno: code)
                continue
            }
            return fd
        }
        throw lastError
    }

    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return 0 }
        return portOf(storage)
    }

    static func portOf(_ storage: sockaddr_storage) -> Int {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return 0
        }
    }

    enum AcceptResult {
        case accepted(fd: Int32, peer: Peer)
        case wouldBlock
        /// EMFILE or ENFILE: the connection stays queued; the listener stays readable.
        case outOfDescriptors
        /// The peer went away before we accepted it (ECONNABORTED, ...): try the next.
        case failed
    }

    /// Who is on the other end: the numeric address for logs and the per-address cap, and the
    /// network (IPv4 /24, IPv6 /64; an IPv4-mapped IPv6 address counts as IPv4) for the per-network cap.
    struct Peer: Equatable {
        var address: String
        var network: String
    }

    /// Accepts one pending connection (non-blocking, close-on-exec, no delay).
    static func accept(_ listenFD: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { yeyak_accept(listenFD, $0, &length) }
        }
        guard fd >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfDescriptors
            default: return .failed
            }
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return .accepted(fd: fd, peer: peer(storage, length: length))
    }

    static func peer(_ storage: sockaddr_storage, length: socklen_t) -> Peer {
        var storage = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let named = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
            }
        }
        let address = named == 0 ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        var bytes: [UInt8] = []
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self).sin_addr }
            bytes = withUnsafeBytes(of: address) { Array($0) }
        case AF_INET6:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self).sin6_addr }
            let raw = withUnsafeBytes(of: address) { Array($0) }
            let mapped = raw.prefix(10).allSatisfy { $0 == 0 } && raw[10] == 0xFF && raw[11] == 0xFF
            bytes = mapped ? Array(raw[12...]) : raw
        default:
            break
        }
        let network: String
        if bytes.count == 4 {
            network = bytes.prefix(3).map(String.init).joined(separator: ".") + ".0/24"
        } else if bytes.count == 16 {
            network = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":") + "::/64"
        } else {
            network = address
        }
        return Peer(address: address, network: network)
    }

    /// Sends as much as the socket takes now. Never raises SIGPIPE.
    /// Returns bytes written, 0 when it would block, nil on a broken connection.
    static func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Int? {
        while true {
            let written = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written >= 0 { return written }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            return nil
        }
    }

    enum ReadResult { case bytes(Int), wouldBlock, endOfStream, failed }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfStream }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed
        }
    }
}
