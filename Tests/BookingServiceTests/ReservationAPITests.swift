import BookingStore
import Foundation
import TestSupport
import XCTest
@testable import BookingService

/// `POST /api/reservations` and `GET /api/availability` as the booking page uses them.
final class ReservationAPITests: XCTestCase {
    var harness: PaymentHarness!

    override func setUp() async throws { harness = try await PaymentHarness(seats: 4) }
    override func tearDown() async throws { await harness.close() }

    func post(_ body: [String: Any], origin: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        let response = await harness.api("POST", "/api/reservations", json: body, headers: origin.map { [("Origin", $0)] } ?? [])
        return (response.status, try harness.jsonObject(response))
    }

    func body(partySize: Int, customerKey: String = "guest_aaaaaaaa", slotId: String? = nil) -> [String: Any] {
        ["slotId": slotId ?? harness.slot.id, "partySize": partySize, "customerKey": customerKey, "name": "김예약", "phone": "010-1234-5678"]
    }

    func testCreatedHoldCarriesTheStoredPriceAndAnUnguessableOrderId() async throws {
        let answer = try await post(body(partySize: 2))
        XCTAssertEqual(answer.status, 201)
        XCTAssertEqual(answer.body["amount"] as? Int, 20_000)
        XCTAssertEqual(answer.body["amountText"] as? String, "20,000원")
        let orderId = try XCTUnwrap(answer.body["orderId"] as? String)
        XCTAssertTrue(OrderID.isValid(orderId))
        XCTAssertGreaterThanOrEqual(orderId.count, 22, ">= 128 bits in base64url")
        XCTAssertTrue((answer.body["expiresAt"] as? String)?.hasSuffix("+09:00") == true)
        XCTAssertTrue((answer.body["orderName"] as? String)?.contains("맛있는 집밥") == true)
        // A price in the request is refused rather than ignored.
        var withPrice = body(partySize: 2)
        withPrice["amount"] = 100
        let refused = try await post(withPrice)
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual((refused.body["error"] as? [String: Any])?["field"] as? String, "amount")
    }

    func testSameGuestAndSlotGetsTheirHoldBackResized() async throws {
        let first = try await post(body(partySize: 2))
        let again = try await post(body(partySize: 3))
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.body["orderId"] as? String, first.body["orderId"] as? String, "the tutorial's reuse rule")
        XCTAssertEqual(again.body["amount"] as? Int, 30_000, "resized")
        let left = try await harness.seatsLeft()
        XCTAssertEqual(left, 1, "one hold, not two")
    }

    func testSoldOutIs409WithTheSeatsLeft() async throws {
        _ = try await post(body(partySize: 3, customerKey: "guest_first"))
        let answer = try await post(body(partySize: 2, customerKey: "guest_second"))
        XCTAssertEqual(answer.status, 409)
        let error = try XCTUnwrap(answer.body["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "SOLD_OUT")
        XCTAssertEqual(error["seatsLeft"] as? Int, 1)
        XCTAssertTrue((error["message"] as? String)?.contains("1석") == true)
    }

    func testALapsedHoldFreesItsSeatsWithoutAnySweep() async throws {
        _ = try await post(body(partySize: 4, customerKey: "guest_first"))
        let blocked = try await post(body(partySize: 1, customerKey: "guest_second"))
        XCTAssertEqual(blocked.status, 409)
        harness.clock.advance(by: 15 * 60 + 1)
        let availability = await harness.api("GET", "/api/availability?restaurant=jipbap")
        let slots = try harness.jsonObject(availability)["slots"] as! [[String: Any]]
        XCTAssertEqual(slots.first { $0["slotId"] as? String == harness.slot.id }?["seatsLeft"] as? Int, 4)
        XCTAssertTrue(availability.headers["Cache-Control"]?.contains("max-age=") == true)
        // The booking page says how long seats are held before the guest holds (the default 15 minutes).
        XCTAssertEqual(try harness.jsonObject(availability)["holdSeconds"] as? Int, 900)
        let now = try await post(body(partySize: 4, customerKey: "guest_second"))
        XCTAssertEqual(now.status, 201)
    }

    func testAGuestCannotHoardHolds() async throws {
        let slots = harness.content.restaurants[0].upcomingSlots(after: harness.clock.now)
        for slot in slots.prefix(3) {
            let held = try await post(body(partySize: 1, customerKey: "guest_hoarder", slotId: slot.id))
            XCTAssertEqual(held.status, 201)
        }
        let fourth = try await post(body(partySize: 1, customerKey: "guest_hoarder", slotId: slots[3].id))
        XCTAssertEqual(fourth.status, 429)
    }

    func testValidationNamesTheFieldInKorean() async throws {
        let cases: [([String: Any], Int, String?)] = [
            (body(partySize: 5), 422, "partySize"),  // the table seats 4
            (body(partySize: 0), 422, "partySize"),
            (body(partySize: 1, slotId: "jipbap.t4.20000101.1200"), 422, "slotId"),
            (body(partySize: 1, customerKey: "x"), 422, "customerKey"),
        ]
        for (payload, status, field) in cases {
            let answer = try await post(payload)
            XCTAssertEqual(answer.status, status, "\(payload)")
            XCTAssertEqual((answer.body["error"] as? [String: Any])?["field"] as? String, field, "\(payload)")
        }
        var request = harness.request("POST", "/api/reservations")
        request.body = Array("slotId=x".utf8)
        request.headers.set("Content-Type", "text/plain")
        let unsupported = await harness.service.respond(to: request)
        XCTAssertEqual(unsupported.status, 415)
        request.headers.set("Content-Type", "application/x-www-form-urlencoded")
        request.body = Array("slotId=\(harness.slot.id)&partySize=2&customerKey=guest_formpost&name=%EA%B9%80&phone=010-1234-5678".utf8)
        let form = await harness.service.respond(to: request)
        XCTAssertEqual(form.status, 201, String(decoding: form.body, as: UTF8.self))
    }

    func testOnlyTheConfiguredSiteOriginMayCallTheAPIFromABrowser() async throws {
        // Reconfigure the service with a separate site origin.
        var configuration = ServiceConfiguration()
        configuration.siteOrigin = "https://www.yeyak.example"
        harness.service = BookingService(content: harness.content, store: harness.store, toss: harness.toss, resultPages: PlainResultPages(),
                                         configuration: configuration, clock: harness.clock)
        let preflight = await harness.service.respond(to: harness.request("OPTIONS", "/api/reservations",
            headers: [("Origin", "https://www.yeyak.example"), ("Access-Control-Request-Method", "POST")]))
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["Access-Control-Allow-Origin"], "https://www.yeyak.example")
        let foreignPreflight = await harness.service.respond(to: harness.request("OPTIONS", "/api/reservations",
            headers: [("Origin", "https://evil.example")]))
        XCTAssertEqual(foreignPreflight.status, 403)
        XCTAssertNil(foreignPreflight.headers["Access-Control-Allow-Origin"])

        let allowed = try await post(body(partySize: 1), origin: "https://www.yeyak.example")
        XCTAssertEqual(allowed.status, 201)
        let foreign = try await post(body(partySize: 1, customerKey: "guest_evil"), origin: "https://evil.example")
        XCTAssertEqual(foreign.status, 403, "a foreign page cannot hold seats through a guest's browser")
    }

    func testEveryAnswerCarriesSecurityHeadersAndHealthAndMetricsWork() async throws {
        _ = try await post(body(partySize: 1))
        let health = await harness.api("GET", "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.headers["X-Content-Type-Options"], "nosniff")
        XCTAssertEqual(health.headers["Referrer-Policy"], "no-referrer")
        let metrics = String(decoding: await harness.api("GET", "/metrics").body, as: UTF8.self)
        XCTAssertTrue(metrics.contains("yeyak_http_requests_total{method=\"POST\",route=\"/api/reservations\",status=\"201\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("yeyak_holds_live 1"))
        XCTAssertTrue(metrics.contains("yeyak_http_request_duration_seconds_bucket"))
        let notFound = await harness.api("GET", "/api/nothing")
        XCTAssertEqual(notFound.status, 404)
        let wrongMethod = await harness.api("GET", "/api/reservations")
        XCTAssertEqual(wrongMethod.status, 405)
    }
}
