import Foundation

/// Serializes the sandbox's answers. Toss answers with plain JSON objects whose absent values are
/// `null`, so responses are built as dictionaries (with `NSNull`) rather than Codable structs.
enum JSONText {
    static func encode(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Strict decoding of a request body: a wrong type (amount as a string, a fraction) fails.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(body))
    }
}
