#if canImport(Glibc)
import Glibc
#endif

/// The connection limits the server derives from the process's file limit (`RLIMIT_NOFILE`) at
/// start, so it refuses with a fast 503 before `accept` could ever fail with EMFILE.
package struct ConnectionLimits: Sendable, Equatable {
    /// Open client connections at most.
    package var total: Int
    /// From one address.
    package var perAddress: Int
    /// From one network: an IPv4 /24 or an IPv6 /64 (one household, office or cloud host).
    package var perNetwork: Int
    /// From this many open connections on (the cap less 1/16), each new one first closes the
    /// longest-idle connection that is only waiting for bytes.
    package var reclaimFrom: Int

    /// The descriptors kept for everything but clients: SQLite (database, -wal, -shm), outbound
    /// Toss connections, the log, the epoll and wake descriptors, the reserved descriptor.
    package static func reservedDescriptors(fileLimit: Int) -> Int { 64 + fileLimit / 8 }

    /// Limits for a process allowed `fileLimit` descriptors, never above `configured`.
    package static func derive(fileLimit: Int, configured: Int?, perAddress: Int?, perNetwork: Int?) -> ConnectionLimits {
        let fromFiles = max(1, fileLimit - reservedDescriptors(fileLimit: fileLimit))
        let total = min(configured ?? fromFiles, fromFiles)
        let address = perAddress ?? max(min(total, 16), total / 8)  // a browser opens about 6
        let network = perNetwork ?? max(address, total / 4)
        return ConnectionLimits(total: total, perAddress: min(address, total), perNetwork: min(network, total),
                                reclaimFrom: max(1, total - total / 16))
    }

    /// The soft `RLIMIT_NOFILE` now.
    package static func currentFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return limit.rlim_cur == rlim_t.max ? 1 << 20 : Int(clamping: min(limit.rlim_cur, 1 << 20))
    }

    /// Raises the soft file limit to the hard one (at most 2^20), as servers do at start: the
    /// usual soft limit of 1,024 outside systemd is far below what the hardware can serve.
    /// Returns the soft limit afterwards.
    @discardableResult
    package static func raiseFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return currentFileLimit() }
        let wanted = min(limit.rlim_max, rlim_t(1 << 20))
        if limit.rlim_cur < wanted {
            limit.rlim_cur = wanted
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return currentFileLimit()
    }
}
