import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import TossClient
import XCTest

/// Both real transports (libcurl, URLSession) against a local socket that answers with a huge
/// body: the client must stop reading past its limit and call the outcome unknown.
final class BoundedAnswerTests: XCTestCase {
    private static let payment = #"{"paymentKey":"pk_1","orderId":"order_1","status":"DONE","totalAmount":20000}"#

    private func client(port: Int, _ transport: TossTransportKind) -> TossClient {
        let configuration = TossClientConfiguration(
            secretKey: ClientHarness.secret, baseURL: URL(string: "http://127.0.0.1:\(port)")!,
            connectTimeout: 5, totalTimeout: 20, transport: transport)
        return TossClient(configuration: configuration)
    }

    func testHugeAnswersToConfirmAndLookupAreUnknownAndNotReadWhole() async throws {
        let bodySize = 64 << 20
        for transport in TossTransportKind.allCases {
            for announced in [true, false] {
                try await checkHugeAnswer(bodySize: bodySize, announced: announced, transport)
            }
        }
    }

    private func checkHugeAnswer(bodySize: Int, announced: Bool, _ transport: TossTransportKind) async throws {
        let server = try HugeAnswerServer(bodySize: bodySize, announceLength: announced)
        defer { server.stop() }
        let client = client(port: server.port, transport)
        let residentBefore = Self.residentBytes()

        let confirm = await client.confirm(paymentKey: "pk_1", orderId: "order_1", amount: 20_000, idempotencyKey: "k")
        let lookup = await client.payment(orderId: "order_1")

        for result in [confirm, lookup] {
            guard case .unknownOutcome(let reason) = result else {
                return XCTFail("\(transport): a \(bodySize)-byte answer (Content-Length: \(announced)) must be unknown, got \(result)")
            }
            XCTAssertTrue(reason.contains("larger than"), reason)
        }
        // The server could push only what the socket buffers hold once the client stopped reading.
        let written = server.waitForWrites()
        XCTAssertEqual(written.count, 2)
        for bytes in written { XCTAssertLessThan(bytes, 16 << 20, "\(transport): the client read on past its limit") }
        XCTAssertLessThan(Self.residentBytes() - residentBefore, 32 << 20, "\(transport): resident memory grew by the body")
    }

    func testNormalAnswerStillReads() async throws {
        for transport in TossTransportKind.allCases {
            let server = try HugeAnswerServer(body: Array(Self.payment.utf8))
            defer { server.stop() }
            let result = await client(port: server.port, transport).payment(orderId: "order_1")
            XCTAssertEqual(result.payment?.paymentKey, "pk_1", "\(transport)")
            XCTAssertEqual(result.payment?.status, .done, "\(transport)")
        }
    }

    private static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ")[1]) else { return 0 }
        return kib * 1024
    }
}

/// Accepts connections on 127.0.0.1 one at a time, reads the request head, answers 200 with
/// `body` (or `bodySize` zero bytes, in 64 KiB writes) and records how many body bytes each
/// connection took before the peer went away.
private final class HugeAnswerServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var written: [Int] = []
    private var thread: Thread?

    convenience init(body: [UInt8]) throws {
        try self.init(bodySize: body.count, announceLength: true, body: body)
    }

    init(bodySize: Int, announceLength: Bool, body: [UInt8]? = nil) throws {
        let (listener, port) = try LoopbackListener.open(backlog: 8)
        self.port = port
        self.listener = listener
        thread = Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                let count = Self.answer(connection, bodySize: bodySize, announceLength: announceLength, body: body)
                close(connection)
                lock.withLock { written.append(count) }
            }
        }
        thread?.start()
    }

    private static func answer(_ connection: Int32, bodySize: Int, announceLength: Bool, body: [UInt8]?) -> Int {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.suffix(4).elementsEqual("\r\n\r\n".utf8) {
            let n = read(connection, &buffer, 1)
            if n <= 0 { return 0 }
            head.append(buffer[0])
        }
        // A POST's body is small; let the kernel keep it, the client does not wait for us to read it.
        var reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
        reply += announceLength ? "Content-Length: \(bodySize)\r\n\r\n" : "\r\n"
        guard send(connection, reply, reply.utf8.count, Int32(MSG_NOSIGNAL)) == reply.utf8.count else { return 0 }
        let chunk = body ?? [UInt8](repeating: 0x20, count: 64 << 10)
        var sent = 0
        while sent < bodySize {
            let n = chunk.withUnsafeBytes { send(connection, $0.baseAddress, min(chunk.count, bodySize - sent), Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
            // About 64 MB/s, a fast network rather than loopback: URLSession on Linux hands the
            // delegate each chunk asynchronously, so on loopback it has read everything before
            // the delegate sees the first chunk and cancels.
            if body == nil { usleep(1000) }
        }
        return sent
    }

    /// The body bytes each finished connection took (waits up to 10 s for two).
    func waitForWrites() -> [Int] {
        for _ in 0..<500 where lock.withLock({ written.count }) < 2 { usleep(20_000) }
        return lock.withLock { written }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
