import Foundation
import HTTPServer
import JSON
import YeyakContent

/// Reading a hold request from the page: JSON or a form, every field checked and named in the
/// error (`APIError` with the field), by the same rules the page applies (`GuestFieldRules`).
extension ReservationInput {
    package static let fields = ["slotId", "partySize", "customerKey", "name", "phone", "comment"]

    /// A field as it arrived: JSON keeps its type, a form field is always text.
    enum RawField {
        case text(String)
        case number(String)
        case other(String)  // kind description for the message
    }

    /// From the request body, by its Content-Type.
    static func parse(_ request: HTTPRequest) throws(APIError) -> ReservationInput {
        let type = (request.headers["Content-Type"] ?? "").lowercased()
        if type.hasPrefix("application/json") { return try parse(json: request.body) }
        if type.hasPrefix("application/x-www-form-urlencoded") {
            guard let pairs = try? URLEncodedForm.parse(request.body) else {
                throw APIError(status: 400, code: "MALFORMED_FORM", message: "요청 형식이 올바르지 않습니다.")
            }
            return try parse(form: pairs)
        }
        throw APIError(status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "JSON 또는 폼 형식으로 보내 주세요.")
    }

    /// From a JSON body (`application/json`).
    package static func parse(json body: [UInt8]) throws(APIError) -> ReservationInput {
        let root: JSONNode
        do {
            root = try JSONParser.parse(body)
        } catch {
            throw APIError(status: 400, code: "MALFORMED_JSON", message: "요청 형식이 올바르지 않습니다 (JSON \(error.line)행 \(error.column)열).")
        }
        guard case .object(let members) = root.value else {
            throw APIError(status: 400, code: "MALFORMED_JSON", message: "요청 본문은 JSON 객체여야 합니다.")
        }
        var raw: [String: RawField] = [:]
        for member in members {
            switch member.node.value {
            case .string(let text): raw[member.key] = .text(text)
            case .number(let text): raw[member.key] = .number(text)
            default: raw[member.key] = .other(member.node.kindDescription)
            }
        }
        return try validate(raw)
    }

    /// From a form body (`application/x-www-form-urlencoded`), already decoded.
    package static func parse(form pairs: [(name: String, value: String)]) throws(APIError) -> ReservationInput {
        var raw: [String: RawField] = [:]
        for pair in pairs {
            if raw[pair.name] != nil { throw APIError.invalid(pair.name, "같은 항목이 두 번 들어 있습니다.") }
            raw[pair.name] = .text(pair.value)
        }
        return try validate(raw, numbersAsText: true)
    }

    /// No text field of a reservation is longer than a comment's byte limit plus room for spaces.
    static let maxTextBytes = GuestFieldRules.commentMaxBytes + 256

    static func validate(_ raw: [String: RawField], numbersAsText: Bool = false) throws(APIError) -> ReservationInput {
        if let unknown = raw.keys.sorted().first(where: { !fields.contains($0) }) {
            throw APIError.invalid(unknown, "알 수 없는 항목입니다: \(unknown)")
        }
        func text(_ key: String, required: Bool = true) throws(APIError) -> String {
            switch raw[key] {
            case .text(let value)? where value.utf8.count > maxTextBytes:
                // Bounded in bytes before trimming or counting characters (GuestFieldRules then
                // applies the exact limits and messages).
                throw APIError.invalid(key, key == "comment" ? GuestFieldRules.Message.commentTooLong
                                       : key == "name" ? GuestFieldRules.Message.nameTooLong : "\(label(key)) 형식이 올바르지 않습니다.")
            case .text(let value)?: return value
            case nil where !required: return ""
            case nil: throw APIError.invalid(key, "\(label(key))을(를) 입력해 주세요.")
            default: throw APIError.invalid(key, "\(label(key)) 형식이 올바르지 않습니다.")
            }
        }

        let slotId = try text("slotId")
        guard (3...100).contains(slotId.count), slotId.utf8.allSatisfy(isSlotIdByte) else {
            throw APIError.invalid("slotId", "예약 시간을 다시 선택해 주세요.")
        }

        let sizeText: String
        switch raw["partySize"] {
        case .number(let value)?: sizeText = value
        case .text(let value)? where numbersAsText: sizeText = value
        case nil: throw APIError.invalid("partySize", "인원을 선택해 주세요.")
        default: throw APIError.invalid("partySize", "인원은 숫자여야 합니다.")
        }
        guard !sizeText.isEmpty, sizeText.count <= 3, sizeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let partySize = Int(sizeText), partySize >= 1
        else { throw APIError.invalid("partySize", "인원은 1명 이상이어야 합니다.") }

        let customerKey = try text("customerKey")
        guard isCustomerKey(customerKey) else {
            throw APIError.invalid("customerKey", "고객 키가 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.")
        }

        // Name, phone and comment follow the page's rules and messages exactly (GuestFieldRules).
        let name: String
        switch GuestFieldRules.checkName(try text("name")) {
        case .success(let checked): name = checked
        case .failure(let problem): throw APIError.invalid(problem.field, problem.message)
        }
        let phoneText = try text("phone")
        guard !phoneText.isEmpty else { throw APIError.invalid("phone", GuestFieldRules.Message.phoneRequired) }
        guard let phone = PhoneNumber(phoneText) else { throw APIError.invalid("phone", GuestFieldRules.Message.phoneInvalid) }

        let comment = try text("comment", required: false).trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = GuestFieldRules.checkComment(comment) { throw APIError.invalid(problem.field, problem.message) }
        guard !containsControlCharacters(comment, allowingNewlines: true) else {
            throw APIError.invalid("comment", "요청 사항에 쓸 수 없는 문자가 있습니다.")
        }
        return ReservationInput(slotId: slotId, partySize: partySize, customerKey: customerKey, name: name,
                                phone: phone, comment: comment)
    }

    static func label(_ key: String) -> String {
        switch key {
        case "slotId": return "예약 시간"
        case "partySize": return "인원"
        case "customerKey": return "고객 키"
        case "name": return "이름"
        case "phone": return "연락처"
        default: return "요청 사항"
        }
    }

    static func isSlotIdByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
    }

    /// Toss: 2-50 characters of `[A-Za-z0-9-_=.@]`.
    package static func isCustomerKey(_ key: String) -> Bool {
        (2...50).contains(key.utf8.count) && key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x3D || byte == 0x2E || byte == 0x40
        }
    }

    static func containsControlCharacters(_ text: String, allowingNewlines: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingNewlines && (scalar == "\n" || scalar == "\r" || scalar == "\t") { return false }
            return scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                && scalar != "\u{200D}"
        }
    }
}
