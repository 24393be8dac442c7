import BookingStore
import Foundation
import HTTPServer
import TestSupport
import XCTest
@testable import BookingService

/// "예약 조회" over the API (`POST /api/lookup`, `/api/lookup/cancel`): the booking code and the
/// phone number find a booking from any device; a wrong pair is answered exactly as an unknown
/// code; failed lookups are limited per client and per code; the cancel is the manage page's.
final class BookingLookupTests: XCTestCase {
    static let phone = "010-1234-5678"

    /// A POST from `peer` (the socket address the limits count).
    func lookup(_ harness: PaymentHarness, _ path: String = "/api/lookup", code: String, phone: String = phone,
                from peer: String? = "198.51.100.7", extra: [String: String] = [:]) async -> HTTPResponse {
        var request = HTTPRequest(method: "POST", target: path, path: path,
                                  headers: HTTPHeaders([("Host", "127.0.0.1"), ("Content-Type", "application/json")]),
                                  remoteAddress: peer)
        var body = ["code": code, "phone": phone]
        for (key, value) in extra { body[key] = value }
        request.body = Array(try! JSONSerialization.data(withJSONObject: body))
        return await harness.service.respond(to: request)
    }

    func code(of hold: PaymentHarness.Hold, _ harness: PaymentHarness) async throws -> String {
        let booking = try await harness.booking(hold.orderId)
        XCTAssertNotNil(BookingCode.normalize(booking.code))
        return booking.code
    }

    func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    // MARK: - Finding

    func testTheRightPairFindsTheBookingTypedAnyWayWithoutTheGuestKey() async throws {
        let harness = try await PaymentHarness()
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        let typed = [BookingCode.formatted(code), code.lowercased(), " " + code.prefix(4) + " " + code.suffix(4) + " "]
        for (variant, phone) in zip(typed, ["010-1234-5678", "01012345678", "010 1234 5678"]) {
            let response = await lookup(harness, code: variant, phone: phone)
            XCTAssertEqual(response.status, 200, "\(variant) \(phone): \(text(response))")
            let body = try harness.jsonObject(response)
            XCTAssertEqual(body["orderId"] as? String, hold.orderId)
            XCTAssertEqual(body["codeText"] as? String, BookingCode.formatted(code))
            XCTAssertEqual(body["state"] as? String, "PAID")
            XCTAssertEqual(body["refundIfCancelledNowText"] as? String, "20,000원", "two days ahead: the full deposit back")
            XCTAssertNil(body["customerKey"], "the key of the browser that booked is not handed to another device")
            XCTAssertNil(body["receiptUrl"], "the receipt link carries the paymentKey")
            XCTAssertEqual(response.headers["Cache-Control"], "no-store")
        }
        await harness.close()
    }

    func testAWrongPhoneIsAnsweredExactlyAsAnUnknownCode() async throws {
        let harness = try await PaymentHarness()
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        var unknown = "22222222"
        if unknown == code { unknown = "33333333" }
        let wrongPhone = await lookup(harness, code: code, phone: "010-9999-0000")
        let unknownCode = await lookup(harness, code: unknown)
        XCTAssertEqual(wrongPhone.status, 404)
        XCTAssertEqual(unknownCode.status, wrongPhone.status)
        XCTAssertEqual(unknownCode.body, wrongPhone.body, "the same bytes: \(text(wrongPhone))")
        XCTAssertEqual(unknownCode.headers, wrongPhone.headers, "the same headers")
        XCTAssertTrue(text(wrongPhone).contains("예약번호와 전화번호가 맞는 예약이 없습니다"), text(wrongPhone))

        // Timing: the median of each kind, measured alternately, within half a millisecond
        // (both are one indexed read and one constant-time comparison; a request takes ~0.1 ms).
        var wrongTimes: [Double] = [], unknownTimes: [Double] = []
        for round in 0..<60 {
            for kind in (round % 2 == 0 ? [0, 1] : [1, 0]) {
                let started = DispatchTime.now().uptimeNanoseconds
                _ = await lookup(harness, code: kind == 0 ? code : unknown, phone: "010-9999-0000", from: nil)
                let micros = Double(DispatchTime.now().uptimeNanoseconds - started) / 1000
                if kind == 0 { wrongTimes.append(micros) } else { unknownTimes.append(micros) }
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("BookingLookupTests: median lookup, wrong phone \(median(wrongTimes)) µs, unknown code \(median(unknownTimes)) µs")
        XCTAssertLessThan(abs(median(wrongTimes) - median(unknownTimes)), 500)
        await harness.close()
    }

    func testMalformedFieldsAreNamedAndSayNothingAboutBookings() async throws {
        let harness = try await PaymentHarness()
        let badCode = await lookup(harness, code: "K7QX-2M9O")
        XCTAssertEqual(badCode.status, 422)
        XCTAssertEqual(try (harness.jsonObject(badCode)["error"] as? [String: Any])?["field"] as? String, "code")
        let badPhone = await lookup(harness, code: "K7QX-2M9P", phone: "12")
        XCTAssertEqual(try (harness.jsonObject(badPhone)["error"] as? [String: Any])?["field"] as? String, "phone")
        var request = harness.request("POST", "/api/lookup")
        request.body = Array(#"{"code": "K7QX-2M9P", "phone": "01012345678", "orderId": "x"}"#.utf8)
        let extra = await harness.service.respond(to: request)
        XCTAssertEqual(extra.status, 422, "an unknown field is named")
        await harness.close()
    }

    // MARK: - Limits

    func testFailedLookupsAreLimitedPerClientAddressThenForgivenAfterTheWindow() async throws {
        let limits = LookupLimits(window: 600, failuresPerAddress: 3, failuresPerNetwork: nil, failuresPerCode: nil)
        let harness = try await PaymentHarness(lookupLimits: limits)
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        for guess in ["22222222", "33333333", "44444444"] {
            let response = await lookup(harness, code: guess, from: "198.51.100.7")
            XCTAssertEqual(response.status, 404)
        }
        let limited = await lookup(harness, code: code, from: "198.51.100.7")
        XCTAssertEqual(limited.status, 429, "over the limit even the right pair is refused: \(text(limited))")
        XCTAssertEqual(limited.headers["Retry-After"], "600")
        XCTAssertTrue(text(limited).contains("10분 뒤에 다시 시도"), text(limited))
        let otherClient = await lookup(harness, code: code, from: "203.0.113.9")
        XCTAssertEqual(otherClient.status, 200, "another address is not limited")

        harness.clock.advance(by: 601)
        let later = await lookup(harness, code: code, from: "198.51.100.7")
        XCTAssertEqual(later.status, 200, "the window passed")
        await harness.close()
    }

    func testFailedLookupsAreLimitedPerCodeWhetherTheCodeExistsOrNot() async throws {
        let limits = LookupLimits(window: 3600, failuresPerAddress: nil, failuresPerNetwork: nil, failuresPerCode: 3)
        let harness = try await PaymentHarness(lookupLimits: limits)
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        var unknown = "22222222"
        if unknown == code { unknown = "33333333" }
        for (index, peer) in ["198.51.100.1", "198.51.100.2", "198.51.100.3"].enumerated() {
            let wrong = await lookup(harness, code: code, phone: "010-9999-000\(index)", from: peer)
            XCTAssertEqual(wrong.status, 404)
            let guess = await lookup(harness, code: unknown, phone: "010-9999-000\(index)", from: peer)
            XCTAssertEqual(guess.status, 404)
        }
        let real = await lookup(harness, code: code, from: "203.0.113.50")
        let fake = await lookup(harness, code: unknown, from: "203.0.113.50")
        XCTAssertEqual(real.status, 429, "someone guessing phone numbers for a known code is stopped at 3: \(text(real))")
        XCTAssertEqual(fake.status, 429)
        XCTAssertEqual(real.body, fake.body, "a refusal says nothing about whether the code exists")
        await harness.close()
    }

    func testLookupsThatFindTheirBookingDoNotCount() async throws {
        let limits = LookupLimits(window: 3600, failuresPerAddress: 2, failuresPerNetwork: 2, failuresPerCode: 2)
        let harness = try await PaymentHarness(lookupLimits: limits)
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        for _ in 0..<10 {
            let response = await lookup(harness, code: code)
            XCTAssertEqual(response.status, 200)
        }
        let miss = await lookup(harness, code: code, phone: "010-9999-0000")
        XCTAssertEqual(miss.status, 404, "one mistyped number after ten lookups is still answered")
        await harness.close()
    }

    func testTheLimiterIsExactUnderConcurrentGuesses() async throws {
        let limiter = LookupLimiter(LookupLimits(window: 60, failuresPerAddress: 5, failuresPerNetwork: nil, failuresPerCode: nil))
        let client = try XCTUnwrap(ClientAddress("198.51.100.7"))
        let now = Date()
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                group.addTask {
                    if case .success = limiter.begin(client: client, code: String(format: "%08d", index), now: now) { return true }
                    return false
                }
            }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        XCTAssertEqual(admitted, 5)
    }

    func testTheLimiterForgetsOldCountersWhenItIsFull() {
        let limiter = LookupLimiter(LookupLimits(window: 60, failuresPerAddress: nil, failuresPerNetwork: nil, failuresPerCode: 1),
                                    maxKeys: 10)
        let start = Date()
        for index in 0..<25 {
            _ = limiter.begin(client: .unknown, code: "code\(index)", now: start.addingTimeInterval(Double(index)))
        }
        // The newest codes are still counted; the table never grew past its bound.
        guard case .failure = limiter.begin(client: .unknown, code: "code24", now: start.addingTimeInterval(25)) else {
            return XCTFail("the newest counter is kept")
        }
    }

    // MARK: - Cancelling

    func testCancelByCodeAndPhoneRefundsByThePolicyAndWrongPairsChangeNothing() async throws {
        let harness = try await PaymentHarness()
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        let refused = await lookup(harness, "/api/lookup/cancel", code: code, phone: "010-9999-0000")
        XCTAssertEqual(refused.status, 404)
        let stillPaid = try await harness.booking(hold.orderId).state
        XCTAssertEqual(stillPaid, .paid)

        let cancelled = await lookup(harness, "/api/lookup/cancel", code: BookingCode.formatted(code).lowercased(),
                                     extra: ["reason": "일정 변경"])
        XCTAssertEqual(cancelled.status, 200, text(cancelled))
        let body = try harness.jsonObject(cancelled)
        XCTAssertEqual(body["state"] as? String, "CANCELLED")
        XCTAssertEqual(body["refundAmount"] as? Int, 20_000)
        XCTAssertNil(body["refundIfCancelledNow"], "nothing more to cancel")
        XCTAssertNil(body["customerKey"])
        let tossStatus = await harness.tossStatus(hold.orderId)
        XCTAssertEqual(tossStatus, "CANCELED")

        let again = await lookup(harness, code: code)
        XCTAssertEqual(try harness.jsonObject(again)["state"] as? String, "CANCELLED")
        let twice = await lookup(harness, "/api/lookup/cancel", code: code)
        XCTAssertEqual(twice.status, 200, "a repeated cancel answers as the manage page's does: \(text(twice))")
        XCTAssertEqual(try harness.jsonObject(twice)["refundAmount"] as? Int, 20_000, "refunded once, not twice")
        await harness.close()
    }

    func testCancelByCodeFollowsTheSameTooLateRuleAsTheManagePage() async throws {
        let harness = try await PaymentHarness()
        let hold = try await harness.paidBooking()
        let code = try await code(of: hold, harness)
        let booking = try await harness.booking(hold.orderId)
        harness.clock.set(booking.startsAt.addingTimeInterval(60))
        let late = await lookup(harness, "/api/lookup/cancel", code: code)
        XCTAssertEqual(late.status, 409)
        XCTAssertEqual(try (harness.jsonObject(late)["error"] as? [String: Any])?["code"] as? String, "TOO_LATE_TO_CANCEL")
        await harness.close()
    }

    // MARK: - Staff

    func testStaffNameABookingByOrderIdOrCode() async throws {
        let harness = try await PaymentHarness()
        let hold = try await harness.hold(partySize: 2)
        let code = try await code(of: hold, harness)
        for name in [hold.orderId, code, BookingCode.formatted(code).lowercased()] {
            let found = try await harness.service.bookings.staffLookup(name)
            XCTAssertEqual(found?.orderId, hold.orderId, name)
        }
        let none = try await harness.service.bookings.staffLookup("22222222")
        XCTAssertTrue(none == nil || none?.orderId != hold.orderId)
        await harness.close()
    }
}
