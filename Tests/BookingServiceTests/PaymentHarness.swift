import BookingStore
import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest
import YeyakContent
@testable import BookingService

/// The service wired to a real `TossSandbox` over real HTTP on 127.0.0.1, with a SQLite
/// store in a temp folder and clocks the test moves by hand.
final class PaymentHarness: @unchecked Sendable {
    static let widget = MerchantKeys.docsWidget
    static let deposit = 10_000

    let folder: TemporaryDirectory
    let content: SiteContent
    let sandbox: TossSandbox
    let sandboxClock: ManualClock
    let sandboxServer: HTTPServer
    let clock: ManualClock
    var store: SQLiteBookingStore
    var service: BookingService
    let toss: TossClient
    let logLines = LogLines()
    let holdDuration: TimeInterval
    let configuration: ServiceConfiguration
    let storeOptions: SQLiteBookingStore.Options

    /// - Parameter seats: capacity of every slot; tables seat 4.
    init(seats: Int = 4, totalTimeout: TimeInterval = 2, hangSeconds: Double = 3,
         holdDuration: TimeInterval = 15 * 60, storeOptions: SQLiteBookingStore.Options = .init(),
         paidWriteRetryBudget: TimeInterval = 8, lookupLimits: LookupLimits = .standard) async throws {
        var configuration = ServiceConfiguration(holdDuration: holdDuration)
        configuration.lookupLimits = lookupLimits
        configuration.paidWriteRetryBudget = paidWriteRetryBudget
        configuration.refundWriteRetryBudget = paidWriteRetryBudget
        configuration.confirmStartRetryBudget = paidWriteRetryBudget
        self.configuration = configuration
        self.holdDuration = holdDuration
        self.storeOptions = storeOptions
        folder = try TemporaryDirectory(prefix: "yeyak-payment")
        try folder.write("content/site.json", """
            {"title": "예약", "baseURL": "http://127.0.0.1:1/", "serviceURL": "http://127.0.0.1:1",
             "timeZone": "Asia/Seoul", "toss": {"clientKey": "\(Self.widget.clientKey)", "sdkURL": "http://127.0.0.1:1/v2/standard"}}
            """)
        try folder.write("content/restaurants/jipbap.json", """
            {"name": "맛있는 집밥", "description": "집밥", "address": "서울", "phone": "02-123-4567",
             "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
             "tables": [{"id": "t4", "name": "4인석", "seats": 4, "depositPerPerson": \(Self.deposit)}],
             "weekly": [{"days": ["mon-sun"], "times": ["12:00", "18:00"], "seats": \(seats), "nextDays": 7}]}
            """)
        let now = Date()
        content = try ContentLoader.load(from: folder.url.appendingPathComponent("content"), now: now)
        clock = ManualClock(now)
        startedAt = now
        sandboxClock = ManualClock(now)
        // A "hung" Toss answers after a few seconds at most, and the test server does not wait
        // long for it at shutdown: the client gives up after `totalTimeout` anyway.
        sandbox = TossSandbox(configuration: SandboxConfiguration(hangSeconds: hangSeconds), clock: sandboxClock)
        var serverConfiguration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        serverConfiguration.shutdownGracePeriod = .milliseconds(200)
        sandboxServer = HTTPServer(configuration: serverConfiguration, responder: sandbox, accessLog: nil)
        try sandboxServer.start()
        toss = TossClient(configuration: TossClientConfiguration(
            secretKey: Self.widget.secretKey, baseURL: URL(string: "http://127.0.0.1:\(sandboxServer.port)")!,
            connectTimeout: totalTimeout, totalTimeout: totalTimeout))
        store = try SQLiteBookingStore(path: folder.url.appendingPathComponent("yeyak.sqlite").path, options: storeOptions)
        service = BookingService(content: content, store: store, toss: toss, resultPages: PlainResultPages(),
                                 configuration: configuration, clock: clock, log: logLines.append)
        try await service.load(content)
    }

    /// A slot at least two days away (so refund windows can be placed around it).
    /// The slot the tests book: the first one more than 48 h after the harness started. Picked
    /// from the start, not from the clock now: a test that moves the clock must keep meaning the
    /// same slot (picked from `clock.now`, it became the next slot whenever one started 48-49 h
    /// ahead, and tests failed at that time of day).
    var slot: Slot { content.restaurants[0].slots.first { $0.startsAt > startedAt.addingTimeInterval(48 * 3600) }! }
    private let startedAt: Date

    /// Simulates a crash and restart: a new store and service on the same database file.
    func restart() async throws {
        store.close()
        store = try SQLiteBookingStore(path: folder.url.appendingPathComponent("yeyak.sqlite").path, options: storeOptions)
        service = BookingService(content: content, store: store, toss: toss, resultPages: PlainResultPages(),
                                 configuration: configuration, clock: clock, log: logLines.append)
        try await service.load(content)
    }

    func close() async {
        await sandboxServer.shutdown()
        store.close()
    }

    // MARK: - Guest steps

    struct Hold { let orderId: String; let amount: Int; let customerKey: String; let orderName: String }

    func hold(partySize: Int, customerKey: String = "guest_" + UUID().uuidString.prefix(12).lowercased(),
              slotId: String? = nil, file: StaticString = #filePath, line: UInt = #line) async throws -> Hold {
        let response = await api("POST", "/api/reservations", json: [
            "slotId": slotId ?? slot.id, "partySize": partySize, "customerKey": customerKey, "name": "김예약", "phone": "010-1234-5678",
        ])
        XCTAssertEqual(response.status, 201, String(decoding: response.body, as: UTF8.self), file: file, line: line)
        let body = try jsonObject(response)
        return Hold(orderId: body["orderId"] as! String, amount: body["amount"] as! Int, customerKey: customerKey,
                    orderName: body["orderName"] as! String)
    }

    /// Opens the Toss payment window for a hold and makes the buyer's choice there; returns
    /// the sandbox's redirect URL (success or fail URL with Toss's parameters).
    func pay(_ hold: Hold, choice: TossSandbox.WindowChoice = .approve) throws -> (url: URL, paymentKey: String?) {
        let session = try sandbox.openSession(SessionRequest(
            clientKey: Self.widget.clientKey, orderId: hold.orderId, orderName: hold.orderName, amount: hold.amount,
            successUrl: "http://127.0.0.1:1/restaurant/confirm/success/", failUrl: "http://127.0.0.1:1/restaurant/confirm/failed/",
            customerKey: hold.customerKey)).get()
        let outcome = try sandbox.choose(choice, sessionId: session).get()
        return (URL(string: outcome.redirectURL)!, outcome.paymentKey)
    }

    /// A guest who held `partySize` seats and paid in the Toss window.
    func paidBooking(partySize: Int = 2, file: StaticString = #filePath, line: UInt = #line) async throws -> Hold {
        let hold = try await self.hold(partySize: partySize, file: file, line: line)
        _ = await visit(try pay(hold).url)
        let state = try await booking(hold.orderId).state
        XCTAssertEqual(state, .paid, file: file, line: line)
        return hold
    }

    /// A service on the same store whose Toss calls go straight into the sandbox and are recorded
    /// (and can be made to fail with chosen codes).
    func recordedService() -> (BookingService, RecordingTossTransport) {
        let transport = RecordingTossTransport(ResponderTossTransport(sandbox))
        let toss = TossClient(configuration: TossClientConfiguration(secretKey: Self.widget.secretKey,
                                                                     baseURL: URL(string: "http://sandbox.invalid")!),
                              transport: transport)
        let service = BookingService(content: content, store: store, toss: toss, resultPages: PlainResultPages(), clock: clock)
        return (service, transport)
    }

    /// The browser arriving at a redirect URL (path + query) on the service.
    func visit(_ url: URL) async -> (status: Int, html: String) {
        // The path as sent (Foundation's `URL.path` drops the trailing slash).
        var target = url.absoluteString
        if let scheme = target.range(of: "://"), let slash = target[scheme.upperBound...].firstIndex(of: "/") {
            target = String(target[slash...])
        }
        let response = await service.respond(to: request("GET", target))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func api(_ method: String, _ target: String, json: [String: Any]? = nil, headers: [(String, String)] = []) async -> HTTPResponse {
        var request = request(method, target, headers: headers)
        if let json {
            request.body = Array(try! JSONSerialization.data(withJSONObject: json))
            request.headers.set("Content-Type", "application/json")
        }
        return await service.respond(to: request)
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = []) -> HTTPRequest {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1 ? (try? URLEncodedForm.parse(parts[1])) ?? [] : []
        return HTTPRequest(method: method, target: target, path: parts[0].removingPercentEncoding ?? parts[0], query: query,
                           headers: HTTPHeaders([("Host", "127.0.0.1")] + headers))
    }

    func jsonObject(_ response: HTTPResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    // MARK: - What Toss and the database say

    func booking(_ orderId: String) async throws -> Booking {
        try await XCTUnwrapAsync(await store.booking(orderId: orderId, now: clock.now))
    }

    /// Seats left in `slotId` (default: `slot`, which is picked from the clock, so after the clock
    /// is advanced it can be a later slot; pass the booking's slot then).
    func seatsLeft(slotId: String? = nil) async throws -> Int {
        try await store.availability(slotId: slotId ?? slot.id, now: clock.now)!.seatsLeft
    }

    /// From the sandbox's own log: confirm calls that reached it and confirms it applied.
    func confirmLog(_ orderId: String) async throws -> (calls: Int, applied: Int) {
        let response = await sandbox.respond(to: HTTPRequest(
            method: "GET", target: "/__sandbox/log?orderId=\(orderId)", path: "/__sandbox/log", query: [("orderId", orderId)]))
        let body = try jsonObject(response)
        return (body["confirmCalls"] as! Int, body["appliedConfirms"] as! Int)
    }

    func tossStatus(_ orderId: String) async -> String? {
        await toss.payment(orderId: orderId).payment?.status.rawValue
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    var append: @Sendable (String) -> Void { { [self] line in lock.withLock { lines.append(line) } } }
}

func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let resolved = try await value()
    return try XCTUnwrap(resolved, file: file, line: line)
}
