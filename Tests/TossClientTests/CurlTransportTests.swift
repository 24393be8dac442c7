import Foundation
import TestSupport
import TossClient
import XCTest

/// The libcurl transport over real sockets (a scripted local server): what reaches Toss, that
/// connections are kept and reused, that every call ends within its timeout, and which failures
/// leave the outcome unknown and which are Toss's definite refusals.
final class CurlTransportTests: XCTestCase {
    private static let payment = #"{"paymentKey":"pk_1","orderId":"order_1","status":"DONE","totalAmount":20000}"#

    private func client(port: Int, totalTimeout: TimeInterval = 10) -> (TossClient, CurlTossTransport) {
        let configuration = TossClientConfiguration(
            secretKey: ClientHarness.secret, baseURL: URL(string: "http://127.0.0.1:\(port)")!,
            connectTimeout: 2, totalTimeout: totalTimeout)
        let transport = CurlTossTransport(connectTimeout: 2, totalTimeout: totalTimeout)
        return (TossClient(configuration: configuration, transport: transport), transport)
    }

    func testConfirmSendsTheRequestTossExpects() async throws {
        let server = try ScriptedHTTPServer { _ in .answer(status: 200, body: Self.payment) }
        defer { server.stop() }
        let (client, _) = client(port: server.port)
        let result = await client.confirm(paymentKey: "pk_1", orderId: "order_1", amount: 20_000, idempotencyKey: "idem-1")
        XCTAssertEqual(result.payment?.paymentKey, "pk_1")

        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/v1/payments/confirm")
        XCTAssertEqual(request.headers["authorization"], "Basic " + Data((ClientHarness.secret + ":").utf8).base64EncodedString())
        XCTAssertEqual(request.headers["idempotency-key"], "idem-1")
        XCTAssertEqual(request.headers["content-type"], "application/json")
        XCTAssertEqual(request.headers["accept-language"], "ko-KR")
        XCTAssertNil(request.headers["expect"], "no 100-continue round trip")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"paymentKey":"pk_1","orderId":"order_1","amount":20000}"#)

        _ = await client.payment(orderId: "order_1")
        XCTAssertEqual(server.requests.last?.method, "GET")
        XCTAssertEqual(server.requests.last?.target, "/v1/payments/orders/order_1")
        XCTAssertEqual(server.requests.last?.body, [])
    }

    func testOneKeptAliveConnectionCarriesSequentialCalls() async throws {
        let server = try ScriptedHTTPServer { _ in .answer(status: 200, body: Self.payment) }
        defer { server.stop() }
        let (client, transport) = client(port: server.port)
        for i in 0..<20 {
            let result = await client.confirm(paymentKey: "pk_1", orderId: "order_1", amount: 20_000, idempotencyKey: "k\(i)")
            XCTAssertEqual(result.payment?.status, .done)
        }
        XCTAssertEqual(server.requests.count, 20)
        XCTAssertEqual(server.connections, 1, "every call after the first reuses the kept-alive connection")
        XCTAssertEqual(transport.connectionsOpened, 1)
    }

    func testConcurrentCallsAllAnswerOverAFewConnections() async throws {
        let server = try ScriptedHTTPServer { _ in .answer(status: 200, body: Self.payment, delay: 0.02) }
        defer { server.stop() }
        let (client, _) = client(port: server.port)
        for _ in 0..<2 {   // the second wave finds the first wave's connections open
            let done = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<40 {
                    group.addTask { await client.payment(orderId: "order_\(i)").payment?.status == .done }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            XCTAssertEqual(done, 40)
        }
        XCTAssertEqual(server.requests.count, 80)
        XCTAssertLessThanOrEqual(server.connections, 40, "the second wave reused the first wave's connections")
    }

    func testSilentTossEndsTheCallAtItsTimeoutWithAnUnknownOutcome() async throws {
        let server = try ScriptedHTTPServer { _ in .silence }
        defer { server.stop() }
        let transport = CurlTossTransport(connectTimeout: 2, totalTimeout: 0.4)
        let request = TossHTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/v1/payments/orders/o")
        let started = Date()
        do {
            _ = try await transport.send(request)
            XCTFail("a silent server must not produce an answer")
        } catch let error as TossTransportError {
            XCTAssertEqual(error, .timedOut)
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 0.35)
        XCTAssertLessThan(elapsed, 2, "the transport's own timeout ends the call")

        let (client, _) = client(port: server.port, totalTimeout: 0.4)
        let result = await client.confirm(paymentKey: "pk_1", orderId: "order_1", amount: 20_000, idempotencyKey: nil)
        XCTAssertEqual(result, .unknownOutcome(reason: "timed out"))
    }

    func testTimedOutCallDoesNotDelayTheNextOne() async throws {
        let server = try ScriptedHTTPServer { request in
            request.target.hasSuffix("/slow") ? .silence : .answer(status: 200, body: Self.payment)
        }
        defer { server.stop() }
        let (client, _) = client(port: server.port, totalTimeout: 0.5)
        async let slow = client.payment(orderId: "slow")
        try await Task.sleep(nanoseconds: 50_000_000)
        let started = Date()
        let fast = await client.payment(orderId: "fast")
        XCTAssertEqual(fast.payment?.status, .done)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.4, "one thread drives every call; a hung one blocks none")
        let slowResult = await slow
        XCTAssertEqual(slowResult, .unknownOutcome(reason: "timed out"))
    }

    func testHangUpsAndRefusedConnectionsAreUnknownTossErrorsAreRefusals() async throws {
        let server = try ScriptedHTTPServer { request in
            switch request.target {
            case "/v1/payments/orders/hangup": return .hangUp
            case "/v1/payments/orders/busy": return .answer(status: 503, body: #"{"code":"FAILED_INTERNAL_SYSTEM_PROCESSING","message":"잠시 후"}"#)
            default: return .answer(status: 400, body: #"{"code":"REJECT_CARD_COMPANY","message":"카드사에서 거절했습니다."}"#)
            }
        }
        defer { server.stop() }
        let (client, _) = client(port: server.port)
        let hangUp = await client.payment(orderId: "hangup")
        XCTAssertEqual(hangUp, .unknownOutcome(reason: "connection closed without an answer"))
        let busy = await client.payment(orderId: "busy")
        XCTAssertEqual(busy, .unknownOutcome(reason: "HTTP 503 FAILED_INTERNAL_SYSTEM_PROCESSING"))
        let refused = await client.confirm(paymentKey: "pk_1", orderId: "order_1", amount: 20_000, idempotencyKey: nil)
        XCTAssertEqual(refused, .refused(code: "REJECT_CARD_COMPANY", message: "카드사에서 거절했습니다.", httpStatus: 400))

        let closedPort = server.port
        server.stop()
        let (nobody, _) = self.client(port: closedPort)
        let unreachable = await nobody.payment(orderId: "o")
        guard case .unknownOutcome(let reason) = unreachable else { return XCTFail("\(unreachable)") }
        XCTAssertTrue(reason.hasPrefix("connection failed: curl 7"), reason)
    }
}
