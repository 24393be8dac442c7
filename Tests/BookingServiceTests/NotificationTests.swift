import BookingStore
import Foundation
import TestSupport
import XCTest
@testable import BookingService

/// A transport that answers from a script (then 200) and records every POST.
final class ScriptedWebhookTransport: WebhookTransport, @unchecked Sendable {
    struct Post { let url: URL; let headers: [String: String]; let body: [UInt8] }
    private let lock = NSLock()
    private var script: [WebhookReply]
    private var recorded: [Post] = []

    init(_ script: [WebhookReply] = []) { self.script = script }

    var posts: [Post] { lock.withLock { recorded } }

    func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> WebhookReply {
        lock.withLock {
            recorded.append(Post(url: url, headers: Dictionary(headers, uniquingKeysWith: { $1 }), body: body))
            return script.isEmpty ? .status(200) : script.removeFirst()
        }
    }
}

/// Texts without templates: the kind and the booking number.
struct PlainNotificationMessages: NotificationMessages {
    func render(_ facts: NotificationFacts) throws -> NotificationTexts {
        NotificationTexts(guest: "guest \(facts.kind.rawValue) \(facts.orderId)", restaurant: "restaurant \(facts.kind.rawValue) \(facts.guestName)")
    }
}

/// Invariant 12: every event a person must hear of is written with its change and delivered at
/// least once, in order per booking, signed.
final class NotificationTests: XCTestCase {
    var harness: PaymentHarness!
    static let secret = "whsec_test_비밀"

    override func setUp() async throws { harness = try await PaymentHarness() }
    override func tearDown() async throws { await harness.close() }

    func worker(_ transport: ScriptedWebhookTransport, parallel: Int = 4,
                restaurantSecrets: [String: String] = [:], ownURL: URL? = nil) -> NotificationWorker {
        var settings = NotificationSettings(url: URL(string: "http://127.0.0.1:9/hook")!, secret: Self.secret)
        settings.firstRetryDelay = 10
        settings.parallelDeliveries = parallel
        settings.restaurantSecrets = restaurantSecrets
        var edited = harness.content
        if let ownURL { edited.restaurants[0].notifyURL = ownURL }
        let content = edited
        return NotificationWorker(outbox: harness.store, transport: transport, settings: settings, clock: harness.clock,
                                  content: { content }, messages: { PlainNotificationMessages() }, log: { _ in })
    }

    func paidBooking() async throws -> PaymentHarness.Hold {
        let hold = try await harness.hold(partySize: 2)
        _ = await harness.visit(try harness.pay(hold).url)
        let state = try await harness.booking(hold.orderId).state
        XCTAssertEqual(state, .paid)
        return hold
    }

    func cancel(_ hold: PaymentHarness.Hold) async {
        let response = await harness.api("POST", "/api/bookings/\(hold.orderId)/cancel", json: ["customerKey": hold.customerKey])
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
    }

    func body(_ post: ScriptedWebhookTransport.Post) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(post.body)) as? [String: Any])
    }

    func testPaidCancelledAndReleasedAreWrittenOnceWithTheirChange() async throws {
        let paid = try await harness.hold(partySize: 2)
        let redirect = try harness.pay(paid).url
        _ = await harness.visit(redirect)
        // A repeated success redirect changes nothing and announces nothing twice.
        _ = await harness.visit(redirect)
        await cancel(paid)
        let unpaid = try await harness.hold(partySize: 1)
        await cancel(unpaid)
        let events = try await harness.store.notifications(pendingOnly: true, limit: 10).reversed().map { ($0.kind, $0.orderId) }
        XCTAssertEqual(events.map(\.0), [.paid, .cancelled, .released])
        XCTAssertEqual(events.map(\.1), [paid.orderId, paid.orderId, unpaid.orderId])
        let cancelled = try await harness.store.notifications(pendingOnly: true, limit: 10).first { $0.kind == .cancelled }
        XCTAssertEqual(cancelled?.refundAmount, 20_000)
        XCTAssertEqual(cancelled?.state, .cancelled)
    }

    func testAReceiverThatFailsFirstStillGetsTheEventWithTheSameId() async throws {
        let hold = try await paidBooking()
        let transport = ScriptedWebhookTransport([.status(503), .failed("connection refused")])
        let worker = worker(transport)
        var pass = await worker.runOnce()
        XCTAssertEqual(pass, .init(attempted: 1, delivered: 0))
        pass = await worker.runOnce()
        XCTAssertEqual(pass.attempted, 0, "not before its backoff")
        harness.clock.advance(by: 10)
        pass = await worker.runOnce()
        XCTAssertEqual(pass, .init(attempted: 1, delivered: 0), "connection refused")
        harness.clock.advance(by: 10)
        do { let value = await worker.runOnce(); XCTAssertEqual(value.attempted, 0, "the second retry waits twice as long") }
        harness.clock.advance(by: 10)
        do { let value = await worker.runOnce(); XCTAssertEqual(value, .init(attempted: 1, delivered: 1)) }
        do { let value = await worker.runOnce(); XCTAssertEqual(value.attempted, 0, "delivered once is enough") }

        let ids = transport.posts.map { $0.headers["Yeyak-Event-Id"] }
        XCTAssertEqual(Set(ids).count, 1)
        XCTAssertEqual(transport.posts.count, 3)
        let log = try await XCTUnwrapAsync(await harness.store.notifications(pendingOnly: false, limit: 1).first)
        XCTAssertEqual(log.attempts, 3)
        XCTAssertEqual(log.lastStatus, "200")
        XCTAssertNotNil(log.deliveredAt)
        let object = try body(transport.posts[2])
        XCTAssertEqual(object["id"] as? String, ids[0])
        XCTAssertEqual(object["type"] as? String, "booking.paid")
        let booking = try XCTUnwrap(object["booking"] as? [String: Any])
        XCTAssertEqual(booking["orderId"] as? String, hold.orderId)
        XCTAssertEqual(booking["amount"] as? Int, 20_000)
        XCTAssertEqual(booking["partySize"] as? Int, 2)
        XCTAssertEqual(booking["name"] as? String, "김예약")
        XCTAssertEqual(booking["state"] as? String, "PAID")
        XCTAssertEqual((object["messages"] as? [String: Any])?["guest"] as? String, "guest booking.paid \(hold.orderId)")
    }

    func testEventsOfOneBookingAreDeliveredInOrder() async throws {
        let first = try await paidBooking()
        await cancel(first)
        let other = try await paidBooking()
        // The first booking's PAID fails: its CANCELLED must wait; the other booking goes on.
        let transport = ScriptedWebhookTransport([.status(500)])
        // One at a time, so the scripted 500 lands on the first booking's PAID (the order
        // guarantee itself is the outbox's: it never hands out a booking's next event early).
        let worker = worker(transport, parallel: 1)
        _ = await worker.runOnce()
        XCTAssertEqual(transport.posts.count, 2)
        var sent = try transport.posts.map { try body($0) }.map { "\(($0["booking"] as! [String: Any])["orderId"]!) \($0["type"]!)" }
        XCTAssertEqual(sent, ["\(first.orderId) booking.paid", "\(other.orderId) booking.paid"])
        _ = await worker.runOnce()
        XCTAssertEqual(transport.posts.count, 2, "the cancel waits behind the undelivered PAID")
        harness.clock.advance(by: 10)
        _ = await worker.runOnce()
        _ = await worker.runOnce()
        sent = try transport.posts.map { try body($0) }.map { "\(($0["booking"] as! [String: Any])["orderId"]!) \($0["type"]!)" }
        XCTAssertEqual(Array(sent.suffix(2)), ["\(first.orderId) booking.paid", "\(first.orderId) booking.cancelled"])
    }

    func testRetriesStopAfterAboutThreeDaysAndStaffCanRetry() async throws {
        _ = try await paidBooking()
        let transport = ScriptedWebhookTransport(Array(repeating: .status(500), count: 1000))
        let worker = worker(transport)
        let start = harness.clock.now
        while harness.clock.now.timeIntervalSince(start) < 4 * 86_400 {
            _ = await worker.runOnce()
            harness.clock.advance(by: 600)
        }
        let attempts = transport.posts.count
        XCTAssertGreaterThan(attempts, 20, "exponential, then hourly")
        XCTAssertLessThan(attempts, 120)
        let log = try await XCTUnwrapAsync(await harness.store.notifications(pendingOnly: true, limit: 1).first)
        XCTAssertNotNil(log.gaveUpAt, "given up after three days")
        XCTAssertGreaterThanOrEqual(log.gaveUpAt!.timeIntervalSince(log.createdAt), 3 * 86_400)
        XCTAssertLessThan(log.gaveUpAt!.timeIntervalSince(log.createdAt), 3 * 86_400 + 3700)
        do { let value = await worker.runOnce(); XCTAssertEqual(value.attempted, 0) }
        let retried = try await harness.store.retryNotifications(eventIds: [log.eventId], now: harness.clock.now)
        XCTAssertEqual(retried, 1)
        do { let value = await worker.runOnce(); XCTAssertEqual(value.attempted, 1) }
    }

    /// Staff retrying an event given up on after a later event of the same booking went out
    /// would deliver it out of order ("예약이 완료되었습니다" after the cancellation; found by an
    /// outside review): such an event is not sent again.
    func testARetryNeverSendsAnEventAfterALaterOneOfTheSameBooking() async throws {
        let hold = try await paidBooking()
        _ = await worker(ScriptedWebhookTransport([.status(500)])).runOnce()
        let paid = try await XCTUnwrapAsync(await harness.store.notifications(pendingOnly: true, limit: 1).first)
        XCTAssertEqual(paid.kind, .paid)
        try await harness.store.recordDelivery(sequence: paid.sequence, result: .gaveUp(status: "500"), at: harness.clock.now)
        await cancel(hold)
        let transport = ScriptedWebhookTransport()
        _ = await worker(transport).runOnce()
        XCTAssertEqual(try transport.posts.map { try body($0)["type"] as? String }, ["booking.cancelled"])

        let retried = try await harness.store.retryNotifications(eventIds: [paid.eventId], now: harness.clock.now)
        XCTAssertEqual(retried, 0, "superseded by the delivered cancellation")
        let everything = try await harness.store.retryNotifications(eventIds: [], now: harness.clock.now)
        XCTAssertEqual(everything, 0)
        _ = await worker(transport).runOnce()
        XCTAssertEqual(transport.posts.count, 1, "the PAID text never follows the cancellation")
    }

    /// A restaurant with its own receiver gets its events signed with its own secret, so it never
    /// needs the one that signs every other restaurant's (an outside review: with one shared
    /// secret any restaurant could forge events to the others).
    func testARestaurantsOwnReceiverGetsEventsSignedWithItsOwnSecret() async throws {
        _ = try await paidBooking()
        let slug = harness.content.restaurants[0].slug
        let own = URL(string: "https://\(slug).example/hook")!
        let transport = ScriptedWebhookTransport()
        _ = await worker(transport, restaurantSecrets: [slug: "restaurant-own-secret"], ownURL: own).runOnce()
        let post = try XCTUnwrap(transport.posts.first)
        XCTAssertEqual(post.url, own)
        let header = try XCTUnwrap(post.headers["Yeyak-Signature"])
        let timestamp = try XCTUnwrap(Int(header.split(separator: ",")[0].dropFirst(2)))
        XCTAssertEqual(header, WebhookSignature.header(secret: "restaurant-own-secret", timestamp: timestamp, body: post.body))
        XCTAssertNotEqual(header, WebhookSignature.header(secret: Self.secret, timestamp: timestamp, body: post.body))
    }

    /// One paid booking's first delivery: its signature header and its raw body, saved in a
    /// file for a receiver in another language to read.
    func signedDelivery() async throws -> (header: String, body: URL, folder: TemporaryDirectory) {
        _ = try await paidBooking()
        let transport = ScriptedWebhookTransport()
        _ = await worker(transport).runOnce()
        let post = try XCTUnwrap(transport.posts.first)
        let folder = try TemporaryDirectory(prefix: "signature")
        let body = folder.url.appendingPathComponent("body.json")
        try Data(post.body).write(to: body)
        return (try XCTUnwrap(post.headers["Yeyak-Signature"]), body, folder)
    }

    func testTheSignatureIsVerifiedByPythonsHMAC() async throws {
        let (header, body, folder) = try await signedDelivery()
        defer { withExtendedLifetime(folder) {} }  // the body file lives until Python has read it
        let script = """
            import hmac, hashlib, sys
            header, secret, path = sys.argv[1], sys.argv[2], sys.argv[3]
            parts = dict(p.split("=", 1) for p in header.split(","))
            body = open(path, "rb").read()
            expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
            print("valid" if hmac.compare_digest(expected, parts["v1"]) else "invalid " + expected)
            """
        let python = try Python.run(script, [header, Self.secret, body.path])
        XCTAssertEqual(python.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "valid", header + python.standardError)
        let timestamp = try XCTUnwrap(Int(header.split(separator: ",")[0].dropFirst(2)))
        XCTAssertEqual(Double(timestamp), harness.clock.now.timeIntervalSince1970, accuracy: 1)
    }

    /// The receiver docs/deploy.md prints, run as written (read from the file): it accepts a real
    /// delivery and refuses a changed body, another secret and a replay after its window.
    func testTheDeployDocsReceiverAcceptsADeliveryAndRefusesTamperingAndReplays() async throws {
        let docs = try String(contentsOf: SharedFolder.projectRoot.appendingPathComponent("docs/deploy.md"), encoding: .utf8)
        let section = try XCTUnwrap(docs.range(of: "## 8b."), "docs/deploy.md has the notifications section")
        let fence = try XCTUnwrap(docs.range(of: "```python\n", range: section.upperBound..<docs.endIndex))
        let end = try XCTUnwrap(docs.range(of: "```", range: fence.upperBound..<docs.endIndex))
        let receiver = String(docs[fence.upperBound..<end.lowerBound])
        XCTAssertTrue(receiver.contains("def verify("), receiver)

        let (header, body, folder) = try await signedDelivery()
        defer { withExtendedLifetime(folder) {} }  // the body file lives until Python has read it
        // The docs' code first, unchanged; then the cases, with the receiver's clock set around
        // the signature's time (the harness clock is not the machine's).
        let script = receiver + """

            import sys, time as clock
            header, secret, raw = sys.argv[1], sys.argv[2], open(sys.argv[3], "rb").read()
            t = int(dict(p.split("=", 1) for p in header.split(","))["t"])
            def at(now, *args):
                clock.time = lambda: now
                return verify(*args)
            print(at(t + 10, raw, header, secret), at(t + 10, raw + b" ", header, secret),
                  at(t + 10, raw, header, secret + "x"), at(t + 301, raw, header, secret), at(t - 301, raw, header, secret))
            """
        let python = try Python.run(script, [header, Self.secret, body.path])
        XCTAssertEqual(python.status, 0, python.standardError)
        XCTAssertEqual(python.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "True False False False False",
                       "fresh accepted; changed body, wrong secret, a replay 301 s late and a clock 301 s early refused")
    }

    func testSHA256AndHMACMatchPublishedVectors() {
        func hex(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(hex(String(repeating: "a", count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // RFC 4231 test cases 1, 2, 6 (a key longer than the block) and 7.
        XCTAssertEqual(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0xaa, count: 131),
                                              message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        XCTAssertEqual(SHA256.hex(SHA256.hmac(key: [UInt8](repeating: 0xaa, count: 131), message: Array(
            "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8))),
                       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }
}
