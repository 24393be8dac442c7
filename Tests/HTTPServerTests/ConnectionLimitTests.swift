import Foundation
import XCTest
@testable import HTTPServer
import TestSupport

/// Connection caps from the file limit, per client address and network, idle-first reclaim near
/// the cap, and the answer when descriptors run out, over real loopback sockets (127.0.0.2-4 are
/// distinct addresses in one /24).
final class ConnectionLimitTests: XCTestCase {
    private func answered(_ client: RawHTTPClient, _ path: String = "/") throws -> Int? {
        try client.send(get(path))
        return try client.readResponse()?.status
    }

    func testLimitsAreDerivedFromTheFileLimit() {
        let limits = ConnectionLimits.derive(fileLimit: 1024, configured: nil, perAddress: nil, perNetwork: nil)
        XCTAssertEqual(limits.total, 1024 - 64 - 128)
        XCTAssertLessThan(limits.total, 1024, "the cap must be below the file limit, or accept hits EMFILE first")
        XCTAssertEqual(limits.perAddress, limits.total / 8)
        XCTAssertEqual(limits.perNetwork, limits.total / 4)
        XCTAssertLessThan(limits.reclaimFrom, limits.total)
        // A configured cap is kept when the file limit allows it, lowered when it does not.
        XCTAssertEqual(ConnectionLimits.derive(fileLimit: 20000, configured: 500, perAddress: nil, perNetwork: nil).total, 500)
        XCTAssertEqual(ConnectionLimits.derive(fileLimit: 256, configured: 1024, perAddress: nil, perNetwork: nil).total, 256 - 64 - 32)
    }

    /// The server reads the soft limit when it starts.
    func testServerDerivesItsCapFromRLIMIT_NOFILEAtStart() throws {
        var saved = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved), 0)
        // Above what this test process already has open (the whole suite runs in one process).
        let alreadyOpen = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        let limit = rlim_t(alreadyOpen + 400)
        var lowered = saved
        lowered.rlim_cur = limit
        XCTAssertEqual(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered), 0)
        defer { _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved) }
        let server = try startServer { $0.maxConnections = 100_000 }
        XCTAssertEqual(server.connectionLimits?.total, Int(limit) - 64 - Int(limit) / 8)
    }

    func testPerAddressAndPerNetworkCaps() throws {
        let server = try startServer {
            $0.maxConnectionsPerAddress = 3
            $0.maxConnectionsPerNetwork = 5
        }
        var open: [RawHTTPClient] = []
        for _ in 0..<3 {
            let client = try RawHTTPClient(port: server.port, from: "127.0.0.2")
            XCTAssertEqual(try answered(client), 200)
            open.append(client)
        }
        let fourth = try RawHTTPClient(port: server.port, from: "127.0.0.2")
        XCTAssertEqual(try fourth.readResponse()?.status, 503, "one address over its cap")
        XCTAssertTrue(fourth.waitForClose())

        // Another address is still served, until the /24 is full.
        for _ in 0..<2 {
            let client = try RawHTTPClient(port: server.port, from: "127.0.0.3")
            XCTAssertEqual(try answered(client), 200)
            open.append(client)
        }
        let sameNetwork = try RawHTTPClient(port: server.port, from: "127.0.0.4")
        XCTAssertEqual(try sameNetwork.readResponse()?.status, 503, "the /24 over its cap")

        // Closing frees the slot for that address again.
        open.removeFirst()
        Thread.sleep(forTimeInterval: 0.1)
        let again = try RawHTTPClient(port: server.port, from: "127.0.0.2")
        XCTAssertEqual(try answered(again), 200)
    }

    /// Silent sockets up to the cap, renewed again and again, never keep a guest out: near the
    /// cap the longest-idle connection is closed to make room.
    func testSilentSocketsAtTheCapAreReclaimedOldestFirst() throws {
        let server = try startServer {
            $0.maxConnections = 8
            $0.maxConnectionsPerAddress = 100
            $0.maxConnectionsPerNetwork = 100
        }
        var silent: [RawHTTPClient] = []
        for round in 0..<3 {
            for _ in 0..<8 {
                silent.append(try RawHTTPClient(port: server.port, timeout: 2, from: "127.0.0.2"))
                Thread.sleep(forTimeInterval: 0.01)  // accepted in this order
            }
            Thread.sleep(forTimeInterval: 0.1)
            let guest = try RawHTTPClient(port: server.port, from: "127.0.0.3")
            XCTAssertEqual(try answered(guest), 200, "guest in round \(round)")
        }
        // The oldest silent sockets were closed by the server; the newest one is still open.
        XCTAssertTrue(silent[0].waitForClose())
        XCTAssertTrue(silent[8].waitForClose())
        XCTAssertEqual(try answered(silent[silent.count - 1]), 200)
    }

    /// With every descriptor taken, `accept` fails with EMFILE: the reserved descriptor lets the
    /// server answer each waiting client 503 (instead of hanging it and spinning), and it serves
    /// again once descriptors are free.
    func testOutOfDescriptorsAnswers503WithTheReservedDescriptor() throws {
        let server = try startServer { $0.maxConnections = 1000 }
        var saved = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved), 0)
        let inUse = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 64
        var lowered = saved
        lowered.rlim_cur = rlim_t(inUse + 64)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered), 0)
        var fillers: [Int32] = []
        defer {
            fillers.forEach { close($0) }
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        }
        func fillEveryDescriptor() {
            while fillers.count < 4096 {
                let fd = open("/dev/null", O_RDONLY)
                if fd < 0 { break }
                fillers.append(fd)
            }
        }
        fillEveryDescriptor()
        var rejected: [Int?] = []
        var clients: [RawHTTPClient] = []
        for _ in 0..<3 {
            close(fillers.removeLast())  // room for the client's socket, none left for the server
            // A generous timeout: on a loaded machine the 503 through the reserve can take a while.
            let client = try RawHTTPClient(port: server.port, timeout: 15, beforeConnect: fillEveryDescriptor)
            clients.append(client)
            rejected.append(try client.readResponse()?.status)
        }
        let usage = Self.cpuSeconds()
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertLessThan(Self.cpuSeconds() - usage, 0.25, "the event loop must not spin")
        XCTAssertEqual(rejected, [503, 503, 503])

        clients = []
        fillers.forEach { close($0) }
        fillers = []
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        let client = try RawHTTPClient(port: server.port)
        XCTAssertEqual(try answered(client), 200)
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}
