import Foundation

extension MustacheValue {
    /// Converts `JSONSerialization` output (or the same shapes built by hand) to a value.
    ///
    /// JSON `true`/`false` stay booleans and `1.5` stays a double even though Foundation hands
    /// both over as `NSNumber`; anything unrecognised becomes null.
    public init(jsonObject: Any) {
        switch jsonObject {
        case let value as MustacheValue:
            self = value
        case let string as String:
            self = .string(string)
        case let members as [String: Any]:
            self = .object(members.mapValues(MustacheValue.init(jsonObject:)))
        case let items as [Any]:
            self = .list(items.map(MustacheValue.init(jsonObject:)))
        case is NSNull:
            self = .null
        default:
            self = MustacheValue(number: jsonObject) ?? .null
        }
    }

    /// Native Swift numbers first (they also cast to `NSNumber`), then `NSNumber` by its
    /// storage type: `c` is how Foundation stores a JSON boolean.
    private init?(number: Any) {
        switch number {
        case let value as Bool where type(of: number) == Bool.self: self = .bool(value)
        case let value as Int where type(of: number) == Int.self: self = .int(value)
        case let value as Double where type(of: number) == Double.self: self = .double(value)
        case let value as NSNumber:
            switch String(cString: value.objCType) {
            case "c", "B": self = .bool(value.boolValue)
            case "f", "d": self = .double(value.doubleValue)
            case "Q" where value.uint64Value > UInt64(Int.max): self = .double(value.doubleValue)
            default: self = .int(value.intValue)
            }
        default:
            return nil
        }
    }
}
