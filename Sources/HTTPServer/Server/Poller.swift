#if canImport(Glibc)
import Glibc
#endif

/// Readiness notification for the event loop: level-triggered, over `poll(2)`.
///
/// Why not epoll: Swift's `Glibc` module does not export `<sys/epoll.h>` or `<sys/eventfd.h>`,
/// and the project allows no extra C targets. With the connection cap (hundreds), one `poll`
/// over all descriptors costs microseconds. The loop only talks to this type, so an epoll
/// backend can replace it without touching the connection logic.
struct Poller {
    struct Events: OptionSet {
        let rawValue: Int16
        static let readable = Events(rawValue: Int16(POLLIN))
        static let writable = Events(rawValue: Int16(POLLOUT))
        /// Hang-up or error: reported even when not asked for.
        static let failed = Events(rawValue: Int16(POLLHUP | POLLERR | POLLNVAL))
    }

    private var interest: [Int32: Events] = [:]
    private var descriptors: [pollfd] = []

    /// Sets what to watch on `fd`; an empty set still reports hang-ups and errors.
    mutating func watch(_ fd: Int32, for events: Events) { interest[fd] = events }

    /// Stops watching `fd` entirely (not even hang-ups).
    mutating func forget(_ fd: Int32) { interest[fd] = nil }

    /// Waits up to `timeout` milliseconds (-1: forever) and returns the ready descriptors.
    mutating func wait(timeout: Int32) -> [(fd: Int32, events: Events)] {
        descriptors.removeAll(keepingCapacity: true)
        for (fd, events) in interest {
            descriptors.append(pollfd(fd: fd, events: events.rawValue, revents: 0))
        }
        let count = poll(&descriptors, nfds_t(descriptors.count), timeout)
        guard count > 0 else { return [] }
        return descriptors.compactMap { descriptor in
            descriptor.revents == 0 ? nil : (descriptor.fd, Events(rawValue: descriptor.revents))
        }
    }
}
