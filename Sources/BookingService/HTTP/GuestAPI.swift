import BookingStore
import Foundation
import HTTPServer
import JSON
import YeyakContent

/// The pages' JSON API: hold seats, seats left, and a guest's own booking (show, cancel).
/// Each handler reads the request, calls `Bookings`, and writes the answer; refusals are thrown
/// as `BookingError`s, which the router turns into JSON errors.
struct GuestAPI: Sendable {
    let bookings: Bookings
    let clientAddresses: ClientAddressResolver

    /// `POST /api/reservations`: hold seats for a guest. The browser sends only what the guest
    /// chose; prices come from the content.
    func createReservation(_ request: HTTPRequest) async throws -> HTTPResponse {
        let booking = try await bookings.hold(try ReservationInput.parse(request), client: clientAddresses.client(of: request))
        return jsonAnswer(201, BookingJSON(content: bookings.content).reservation(booking))
    }

    /// `GET /api/availability?restaurant=SLUG`: seats left per upcoming slot, and how long a hold
    /// keeps its seats (`holdSeconds`: the booking page says so before the guest holds). Cached
    /// for a few seconds by browsers and CDNs.
    func availability(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let slug = request.queryValue("restaurant"), !slug.isEmpty else {
            throw APIError.invalid("restaurant", "식당을 지정해 주세요.", status: 400)
        }
        let slots = try await bookings.availability(restaurant: slug)
        let body: JSONValue = [
            "restaurant": .string(slug),
            "slots": .array(slots.map { ["slotId": .string($0.slotId), "seatsLeft": .int($0.seatsLeft), "capacity": .int($0.capacity)] }),
            "holdSeconds": .int(Int(bookings.configuration.holdDuration.rounded())),
        ]
        var response = HTTPResponse.json(200, body.text)
        response.headers.set("Cache-Control", "public, max-age=5")
        return response
    }

    /// `GET /api/bookings/{orderId}` with the guest's key (`X-Customer-Key` header, or the
    /// `customerKey` query parameter). Anyone else gets the same 404 as for an unknown order.
    func showBooking(_ orderId: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        let key = request.headers["X-Customer-Key"] ?? request.queryValue("customerKey")
        let booking = try await bookings.guestBooking(orderId: orderId, customerKey: key)
        return jsonAnswer(200, BookingJSON(content: bookings.content).booking(booking, refundIfCancelledNow: bookings.refundIfCancelledNow(booking)))
    }

    /// `POST /api/bookings/{orderId}/cancel` with `{customerKey, reason?}`: 200 when released or
    /// refunded, 202 while the recorded refund is being settled with Toss, 409 from the slot's start on.
    func cancelBooking(_ orderId: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        let fields = try Self.stringFields(request, allowed: ["customerKey", "reason"])
        let cancelled = try await bookings.cancel(orderId: orderId, customerKey: fields["customerKey"] ?? request.headers["X-Customer-Key"],
                                                  reason: Self.reason(fields))
        return cancelAnswer(cancelled, BookingJSON(content: bookings.content).booking(cancelled, refundIfCancelledNow: nil))
    }

    /// `POST /api/lookup` with `{code, phone}`: the booking with this code, for whoever knows
    /// the phone number it was booked with, on any device. A POST, so neither ends up in a URL
    /// or an access log. A wrong pair and an unknown code get the same 404; too many failures
    /// from one client or on one code get 429 with Retry-After.
    func lookup(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (code, phone, _) = try lookupFields(request, allowed: ["code", "phone"])
        let booking = try await bookings.lookup(code: code, phone: phone, client: clientAddresses.client(of: request))
        return jsonAnswer(200, BookingJSON(content: bookings.content).lookedUp(booking, refundIfCancelledNow: bookings.refundIfCancelledNow(booking)))
    }

    /// `POST /api/lookup/cancel` with `{code, phone, reason?}`: the guest's cancel, with the same
    /// rules, refund and answers as `POST /api/bookings/{orderId}/cancel`, found as `lookup` finds it.
    func cancelLookup(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (code, phone, fields) = try lookupFields(request, allowed: ["code", "phone", "reason"])
        let cancelled = try await bookings.cancel(code: code, phone: phone, client: clientAddresses.client(of: request),
                                                  reason: Self.reason(fields))
        return cancelAnswer(cancelled, BookingJSON(content: bookings.content).lookedUp(cancelled, refundIfCancelledNow: nil))
    }

    // MARK: - Reading bodies

    /// 200 once released or refunded; 202 while the refund is recorded but not yet shown by
    /// Toss (CANCELLING): it completes by itself.
    private func cancelAnswer(_ cancelled: Booking, _ body: JSONValue) -> HTTPResponse {
        jsonAnswer(cancelled.state == .cancelling ? 202 : 200, body)
    }

    /// The code and phone of a lookup body, checked; a malformed one is a 422 naming it (it
    /// says nothing about bookings, so it may differ from the not-found answer).
    private func lookupFields(_ request: HTTPRequest, allowed: Set<String>) throws -> (String, PhoneNumber, [String: String]) {
        let fields = try Self.stringFields(request, allowed: allowed)
        guard let code = fields["code"].flatMap(BookingCode.normalize) else {
            throw APIError.invalid("code", "예약번호 8자리를 K7QX-2M9P처럼 입력해 주세요.")
        }
        // Typed from memory on another phone: spaces, dots and brackets are let go of too.
        let typed = fields["phone"].map { String($0.unicodeScalars.filter { !" .()\t".unicodeScalars.contains($0) }) }
        guard let phone = typed.flatMap({ PhoneNumber($0) }) else {
            throw APIError.invalid("phone", "예약할 때 입력한 휴대전화 번호를 010-1234-5678처럼 입력해 주세요.")
        }
        return (code, phone, fields)
    }

    /// A JSON object of strings with no keys but `allowed`; anything else names the key.
    static func stringFields(_ request: HTTPRequest, allowed: Set<String>) throws -> [String: String] {
        guard let root = try? JSONParser.parse(request.body), case .object(let members) = root.value else {
            throw APIError.malformedJSON
        }
        var fields: [String: String] = [:]
        for member in members {
            guard allowed.contains(member.key) else { throw APIError.invalid(member.key, "알 수 없는 항목입니다: \(member.key)") }
            guard case .string(let text) = member.node.value else { throw APIError.invalid(member.key, "형식이 올바르지 않습니다.") }
            fields[member.key] = text
        }
        return fields
    }

    /// The guest's reason, at most 200 characters; Toss refuses a blank cancelReason.
    static func reason(_ fields: [String: String]) -> String {
        let given = fields["reason"].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)) } ?? ""
        return given.isEmpty ? "고객 요청 취소" : given
    }
}
