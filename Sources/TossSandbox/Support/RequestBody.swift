import Foundation

/// Reads the sandbox's request bodies (answers are written with `JSONValue`).
enum RequestBody {
    /// Strict decoding of a request body: a wrong type (amount as a string, a fraction) fails.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(body))
    }
}
