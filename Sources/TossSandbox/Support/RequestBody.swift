import JSON

/// Reads the sandbox's request bodies (answers are written with `JSONValue`).
enum RequestBody {
    /// Strict reading of a request body: a body that is not a JSON object, or a field of the
    /// wrong type (amount as a string, a fraction), gives nil.
    static func read<T>(_ body: [UInt8], _ make: (JSONNode) throws(JSONFieldError) -> T) -> T? {
        guard let json = try? JSONParser.parse(body), json.isObject else { return nil }
        return try? make(json)
    }
}
