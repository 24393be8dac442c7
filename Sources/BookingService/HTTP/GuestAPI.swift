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
        guard let root = try? JSONParser.parse(request.body), case .object(let members) = root.value else {
            throw APIError.malformedJSON
        }
        var fields: [String: String] = [:]
        for member in members {
            guard ["customerKey", "reason"].contains(member.key) else { throw APIError.invalid(member.key, "알 수 없는 항목입니다: \(member.key)") }
            guard case .string(let text) = member.node.value else { throw APIError.invalid(member.key, "형식이 올바르지 않습니다.") }
            fields[member.key] = text
        }
        let given = fields["reason"].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)) } ?? ""
        let reason = given.isEmpty ? "고객 요청 취소" : given  // Toss refuses a blank cancelReason
        let cancelled = try await bookings.cancel(orderId: orderId, customerKey: fields["customerKey"] ?? request.headers["X-Customer-Key"],
                                                  reason: reason)
        // 202 while the refund is recorded but not yet shown by Toss (CANCELLING): it completes by itself.
        return jsonAnswer(cancelled.state == .cancelling ? 202 : 200,
                          BookingJSON(content: bookings.content).booking(cancelled, refundIfCancelledNow: nil))
    }
}
