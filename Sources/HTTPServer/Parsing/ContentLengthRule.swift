/// The one `Content-Length` rule, shared by the parser, the fuzz target's checks and the tests'
/// hostile-request table, so they can never disagree (they once did: the parser read
/// `Content-Length: 2 ,2` as 2 while the fuzz target read 0 and called it a crash).
///
/// The rule is the strictest one RFC 9112 §6.3 allows: exactly one `Content-Length` field whose
/// whole value (after the optional whitespace around it) is ASCII digits, parsed by hand without
/// overflow. A list (`3, 3`), a repeated field (even with the same value), a sign, inner spaces,
/// hex or an empty value are all refused with 400 and the connection closed, because a proxy in
/// front could frame such a message differently (request smuggling).
package enum ContentLengthRule {
    package enum Verdict: Equatable, Sendable {
        /// No `Content-Length` field: no body (Transfer-Encoding is refused separately).
        case absent
        case length(Int)
        /// Why the framing is refused (the 400's reason).
        case invalid(String)
    }

    /// The verdict for the values of every `Content-Length` field of one message, in order.
    package static func verdict(_ values: [String]) -> Verdict {
        guard let value = values.first else { return .absent }
        guard values.count == 1 else { return .invalid("more than one Content-Length field") }
        let bytes = HTTPSyntax.trimmingOWS(Array(value.utf8)[...])
        if bytes.contains(UInt8(ascii: ",")) { return .invalid("a Content-Length list (send one number)") }
        guard let length = HTTPSyntax.parseContentLength(bytes) else { return .invalid("invalid Content-Length") }
        return .length(length)
    }

    /// The verdict for a message's headers.
    package static func verdict(_ headers: HTTPHeaders) -> Verdict {
        verdict(headers.values(for: "Content-Length"))
    }
}
