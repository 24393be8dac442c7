import BookingStore
import Foundation
import HTTPServer
import YeyakContent
import JSON

extension BookingService {
    /// `POST /api/reservations`: hold seats for a guest. Prices come from content via the
    /// store's inventory; the browser sends only what the guest chose.
    func createReservation(_ request: HTTPRequest) async throws -> HTTPResponse {
        let input = try parseReservation(request)
        let now = clock.now
        let hold = HoldRequest(slotId: input.slotId, partySize: input.partySize, customerKey: input.customerKey,
                               guestName: input.name, phone: input.phone.digits, comment: input.comment)
        switch try await store.hold(hold, now: now, holdDuration: configuration.holdDuration, newOrderId: OrderID.random) {
        case .created(let booking):
            metrics.count("hold_created")
            return json(201, reservationBody(booking))
        case .reused(let booking):
            metrics.count("hold_reused")
            return json(201, reservationBody(booking))
        case .soldOut(let seatsLeft):
            metrics.count("hold_sold_out")
            let message = seatsLeft == 0 ? "선택하신 시간은 예약이 마감되었습니다. 다른 시간을 골라 주세요."
                : "남은 좌석이 \(seatsLeft)석뿐입니다. 인원을 줄이거나 다른 시간을 골라 주세요."
            throw APIError(status: 409, code: "SOLD_OUT", message: message, field: "partySize", details: ["seatsLeft": seatsLeft])
        case .unknownSlot:
            throw APIError.invalid("slotId", "선택하신 예약 시간을 찾을 수 없습니다. 페이지를 새로 고쳐 주세요.")
        case .slotClosed:
            throw APIError(status: 409, code: "SLOT_CLOSED", message: "선택하신 시간은 더 이상 예약할 수 없습니다.", field: "slotId",
                           details: ["seatsLeft": 0])
        case .partyTooLarge(let max):
            throw APIError.invalid("partySize", "이 좌석은 최대 \(max)명까지 예약할 수 있습니다.")
        case .invalidPartySize:
            throw APIError.invalid("partySize", "인원은 1명 이상이어야 합니다.")
        case .tooManyHolds(let limit):
            throw APIError(status: 429, code: "TOO_MANY_HOLDS",
                           message: "결제를 기다리는 예약이 이미 \(limit)건 있습니다. 먼저 결제를 마치거나 잠시 후 다시 시도해 주세요.")
        }
    }

    private func parseReservation(_ request: HTTPRequest) throws(APIError) -> ReservationInput {
        let type = (request.headers["Content-Type"] ?? "").lowercased()
        if type.hasPrefix("application/json") { return try ReservationInput.parse(json: request.body) }
        if type.hasPrefix("application/x-www-form-urlencoded") {
            guard let pairs = try? URLEncodedForm.parse(request.body) else {
                throw APIError(status: 400, code: "MALFORMED_FORM", message: "요청 형식이 올바르지 않습니다.")
            }
            return try ReservationInput.parse(form: pairs)
        }
        throw APIError(status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "JSON 또는 폼 형식으로 보내 주세요.")
    }

    func reservationBody(_ booking: Booking) -> JSONValue {
        let zone = content.site.timeZone
        return [
            "orderId": .string(booking.orderId),
            "amount": .int(booking.amount),
            "amountText": .string(KoreanFormat.won(booking.amount)),
            "orderName": .string(booking.orderName),
            "customerKey": .string(booking.customerKey),
            "partySize": .int(booking.partySize),
            "expiresAt": .string(JSONTimestamp.format(booking.expiresAt, zone: zone)),
            "slot": [
                "id": .string(booking.slotId),
                "restaurant": .string(booking.restaurant),
                "startsAt": .string(JSONTimestamp.format(booking.startsAt, zone: zone)),
                "startsAtText": .string(KoreanFormat.dateTime(booking.startsAt, in: zone)),
            ],
        ]
    }

    /// `GET /api/availability?restaurant=SLUG`: seats left per upcoming slot, computed from live
    /// holds (a lapsed hold stops counting at once). Cached for a few seconds by browsers/CDNs.
    func availability(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let slug = request.queryValue("restaurant"), !slug.isEmpty else {
            throw APIError.invalid("restaurant", "식당을 지정해 주세요.", status: 400)
        }
        guard content.restaurant(slug) != nil else { throw APIError.notFound }
        let slots = try await store.availability(restaurant: slug, now: clock.now)
        let body: JSONValue = [
            "restaurant": .string(slug),
            "slots": .array(slots.map { ["slotId": .string($0.slotId), "seatsLeft": .int($0.seatsLeft), "capacity": .int($0.capacity)] }),
        ]
        var response = HTTPResponse.json(200, body.text)
        response.headers.set("Cache-Control", "public, max-age=5")
        return response
    }
}
