import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Readiness notification for the event loop: level-triggered `epoll(7)` (through our `CEpoll`
/// wrappers), so a wake-up costs the number of ready descriptors, not the number of open ones
/// (`poll(2)` scanned every descriptor on every wake-up, and the hold rate at 256 connections
/// fell below the rate at 64).
final class Poller {
    struct Events: OptionSet {
        let rawValue: UInt32
        static let readable = Events(rawValue: YEYAK_EPOLL_IN)
        static let writable = Events(rawValue: YEYAK_EPOLL_OUT)
        /// Hang-up or error: reported even when not asked for.
        static let failed = Events(rawValue: YEYAK_EPOLL_HUP | YEYAK_EPOLL_ERR)
    }

    private let epollFD: Int32
    /// What each registered descriptor is watched for, to skip redundant `epoll_ctl` calls.
    private var interest: [Int32: Events] = [:]
    private var ready = [yeyak_ready_event](repeating: yeyak_ready_event(), count: 256)

    init() throws(HTTPServerError) {
        epollFD = yeyak_epoll_create()
        guard epollFD >= 0 else { throw .systemCall("epoll_create1", errno: errno) }
    }

    deinit { close(epollFD) }

    /// Sets what to watch on `fd`; an empty set still reports hang-ups and errors.
    func watch(_ fd: Int32, for events: Events) {
        let current = interest[fd]
        if current == events { return }
        if yeyak_epoll_set(epollFD, fd, events.rawValue, current == nil ? 1 : 0) == 0 {
            interest[fd] = events
        } else if current == nil, errno == EEXIST, yeyak_epoll_set(epollFD, fd, events.rawValue, 0) == 0 {
            interest[fd] = events
        }
    }

    /// Stops watching `fd` entirely (call before closing it: its number may be reused at once).
    func forget(_ fd: Int32) {
        guard interest.removeValue(forKey: fd) != nil else { return }
        _ = yeyak_epoll_remove(epollFD, fd)
    }

    /// Waits up to `timeout` milliseconds (-1: forever) and returns the ready descriptors.
    func wait(timeout: Int32) -> [(fd: Int32, events: Events)] {
        let count = ready.withUnsafeMutableBufferPointer {
            yeyak_epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeout)
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { (ready[$0].fd, Events(rawValue: ready[$0].events)) }
    }
}
