@testable import BookingStore
import Foundation
import HTTPServer
import TestSupport
import XCTest
@testable import BookingService

/// Invariant 10 over the API: the service knows the client's address (the socket peer, or what a
/// trusted proxy forwarded), a refusal is a 429 with Retry-After and a Korean message, and a
/// forwarded header from anyone but a listed proxy changes nothing.
final class HoldLimitAPITests: XCTestCase {
    // MARK: - Which address

    func testTheClientIsTheSocketPeerUnlessThePeerIsATrustedProxy() throws {
        func request(peer: String?, _ headers: [(String, String)]) -> HTTPRequest {
            HTTPRequest(method: "POST", target: "/api/reservations", path: "/api/reservations",
                        headers: HTTPHeaders(headers), remoteAddress: peer)
        }
        let untrusted = ClientAddressResolver()
        XCTAssertEqual(untrusted.client(of: request(peer: "198.51.100.7", [("X-Forwarded-For", "10.1.1.1"), ("X-Real-IP", "10.2.2.2")])).address,
                       "198.51.100.7", "a forwarded header from an unlisted peer is ignored")
        XCTAssertEqual(untrusted.client(of: request(peer: nil, [("X-Forwarded-For", "10.1.1.1")])), .unknown)

        let nginx = try ClientAddressResolver(trustedProxyAddresses: ["127.0.0.1", "::1"])
        XCTAssertEqual(nginx.client(of: request(peer: "127.0.0.1", [("X-Forwarded-For", "203.0.113.9")])),
                       ClientAddress(address: "203.0.113.9", network: "203.0.113.0/24"))
        XCTAssertEqual(nginx.client(of: request(peer: "::ffff:127.0.0.1", [("X-Real-IP", "203.0.113.10")])).address, "203.0.113.10",
                       "an IPv4-mapped peer is the same proxy; X-Real-IP when there is no X-Forwarded-For")
        // The client writes what it likes on the left; the right-most entry not a trusted proxy is the truth.
        XCTAssertEqual(nginx.client(of: request(peer: "127.0.0.1", [("X-Forwarded-For", "1.1.1.1, 203.0.113.11"), ("X-Forwarded-For", "::1")])).address,
                       "203.0.113.11")
        XCTAssertEqual(nginx.client(of: request(peer: "127.0.0.1", [("X-Forwarded-For", "garbage"), ("X-Real-IP", "203.0.113.12")])).address,
                       "203.0.113.12")
        XCTAssertEqual(nginx.client(of: request(peer: "127.0.0.1", [("X-Forwarded-For", "not-an-ip")])).address, "127.0.0.1")
        XCTAssertEqual(nginx.client(of: request(peer: "198.51.100.7", [("X-Forwarded-For", "203.0.113.9")])).address, "198.51.100.7",
                       "only the listed proxies are believed")
        XCTAssertThrowsError(try ClientAddressResolver(trustedProxyAddresses: ["nginx.local"]))
    }

    // MARK: - Over the API

    struct Service {
        let harness: PaymentHarness
        let store: SQLiteBookingStore
        let service: BookingService
    }

    func service(limits: HoldLimits, trusted: [String] = []) async throws -> Service {
        let harness = try await PaymentHarness(seats: 12)
        let store = try SQLiteBookingStore(path: harness.folder.url.appendingPathComponent("limits.sqlite").path,
                                           options: .init(holdLimits: limits))
        var configuration = ServiceConfiguration()
        configuration.clientAddresses = try ClientAddressResolver(trustedProxyAddresses: trusted)
        let service = BookingService(content: harness.content, store: store, toss: harness.toss, resultPages: PlainResultPages(),
                                     configuration: configuration, clock: harness.clock)
        try await service.load(harness.content)
        return Service(harness: harness, store: store, service: service)
    }

    var counter = 0
    func hold(_ s: Service, peer: String?, forwardedFor: String? = nil, party: Int = 2, slot: Int = 0) async -> HTTPResponse {
        counter += 1
        let slots = s.harness.content.restaurants[0].slots.filter { $0.startsAt > s.harness.clock.now }
        let body = #"{"slotId":"\#(slots[slot].id)","partySize":\#(party),"customerKey":"fresh_key_\#(counter)","name":"김예약","phone":"010-5555-\#(String(1000 + counter))"}"#
        var headers: [(String, String)] = [("Host", "127.0.0.1"), ("Content-Type", "application/json")]
        if let forwardedFor { headers.append(("X-Forwarded-For", forwardedFor)) }
        return await s.service.respond(to: HTTPRequest(method: "POST", target: "/api/reservations", path: "/api/reservations",
                                                       headers: HTTPHeaders(headers), body: Array(body.utf8), remoteAddress: peer))
    }

    func storedAddresses(_ s: Service) throws -> [String] {
        try s.store.readers.read { try $0.rows("SELECT client_address FROM bookings ORDER BY created_at, order_id") { $0.text(0) } }
    }

    func testARefusalIs429WithRetryAfterAndAKoreanMessage() async throws {
        let s = try await service(limits: HoldLimits(seatsPerAddress: 4))
        defer { Task { await s.harness.close(); s.store.close() } }
        let status1 = await hold(s, peer: "192.0.2.1").status
        XCTAssertEqual(status1, 201)
        s.harness.clock.advance(by: 60)
        let status2 = await hold(s, peer: "192.0.2.1", slot: 1).status
        XCTAssertEqual(status2, 201)
        let refused = await hold(s, peer: "192.0.2.1", slot: 2)
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.headers["Retry-After"], "840", "until the first counted hold lapses (15 min - 60 s)")
        let error = try XCTUnwrap(try s.harness.jsonObject(refused)["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "TOO_MANY_HOLDS")
        XCTAssertEqual(error["retryAfter"] as? Int, 840)
        XCTAssertEqual(error["message"] as? String, "지금 사용 중인 인터넷 연결에서 결제를 기다리는 예약이 너무 많습니다. 잠시 후 다시 시도해 주세요.")
        let status3 = await hold(s, peer: "198.51.100.1", slot: 2).status
        XCTAssertEqual(status3, 201, "another address is not affected")
    }

    func testForwardedHeadersAreIgnoredFromUntrustedPeers() async throws {
        let s = try await service(limits: HoldLimits(seatsPerAddress: 4))
        defer { Task { await s.harness.close(); s.store.close() } }
        var statuses: [Int] = []
        for index in 0..<4 { statuses.append(await hold(s, peer: "127.0.0.1", forwardedFor: "10.\(index).0.1", slot: index).status) }
        XCTAssertEqual(statuses, [201, 201, 429, 429], "rotating X-Forwarded-For does not make a new client")
        XCTAssertEqual(try storedAddresses(s), ["127.0.0.1", "127.0.0.1"])
    }

    func testForwardedHeadersAreHonouredFromTrustedProxies() async throws {
        let s = try await service(limits: HoldLimits(seatsPerAddress: 4), trusted: ["127.0.0.1"])
        defer { Task { await s.harness.close(); s.store.close() } }
        var statuses: [Int] = []
        for index in 0..<4 { statuses.append(await hold(s, peer: "127.0.0.1", forwardedFor: "10.\(index).0.1", slot: index).status) }
        XCTAssertEqual(statuses, [201, 201, 201, 201], "behind the proxy each guest is their own address")
        XCTAssertEqual(try storedAddresses(s).sorted(), ["10.0.0.1", "10.1.0.1", "10.2.0.1", "10.3.0.1"])
        let status4 = await hold(s, peer: "127.0.0.1", forwardedFor: "10.0.0.1", slot: 4).status
        XCTAssertEqual(status4, 201)
        let status5 = await hold(s, peer: "127.0.0.1", forwardedFor: "10.0.0.1", slot: 5).status
        XCTAssertEqual(status5, 429,
                       "and one forwarded address is limited like a direct one")
    }

    /// The peer address comes from the socket: over real loopback connections, three holds of 2
    /// from 127.0.0.1 against a limit of 4 seats: the third is refused.
    func testOverRealSocketsThePeerAddressIsCounted() async throws {
        let s = try await service(limits: HoldLimits(seatsPerAddress: 4))
        defer { Task { await s.harness.close(); s.store.close() } }
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: s.service, accessLog: nil)
        try server.start()
        let slots = s.harness.content.restaurants[0].slots.filter { $0.startsAt > s.harness.clock.now }
        let port = server.port
        let responses: [RawHTTPResponse?] = await Task.detached {
            (0..<3).map { index in
                let body = #"{"slotId":"\#(slots[index].id)","partySize":2,"customerKey":"socket_\#(index)","name":"손님","phone":"010-7777-\#(1000 + index)"}"#
                let request = "POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Forwarded-For: 10.9.\(index).1\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                guard let client = try? RawHTTPClient(port: port, timeout: 10) else { return nil }
                try? client.send(request)
                return (try? client.readResponse()) ?? nil
            }
        }.value
        await server.shutdown()
        XCTAssertEqual(responses.map { $0?.status ?? -1 }, [201, 201, 429])
        XCTAssertNotNil(responses[2]?.header("Retry-After"))
        XCTAssertEqual(try storedAddresses(s), ["127.0.0.1", "127.0.0.1"])
    }
}
