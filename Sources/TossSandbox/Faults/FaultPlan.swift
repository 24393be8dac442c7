import JSON

/// Trouble the sandbox adds to API calls, set through `POST /__sandbox/faults`.
package struct FaultPlan: Sendable, Equatable {
    package enum Mode: String, Sendable {
        /// Only `latencyMs` (if any).
        case none
        /// No answer until the caller gives up; the call is NOT applied.
        case timeout
        /// The call is applied, then no answer until the caller gives up.
        case applyThenTimeout
        /// 500 `FAILED_INTERNAL_SYSTEM_PROCESSING`, not applied.
        case http500
        /// 400 `PROVIDER_ERROR`, not applied.
        case providerError
        /// The call is applied (a confirm leaves the payment DONE) but the connection is dropped.
        case applyThenDrop
    }

    package enum Operation: String, Sendable, CaseIterable {
        case confirm, lookup, cancel
    }

    package var latencyMs: Int = 0
    package var mode: Mode = .none
    /// Affect only this many matching calls, then stop (nil: no count limit).
    package var count: Int?
    /// Affect each matching call with this probability (nil: every call).
    package var probability: Double?
    package var operations: Set<Operation> = Set(Operation.allCases)

    package init(latencyMs: Int = 0, mode: Mode = .none, count: Int? = nil, probability: Double? = nil,
                operations: Set<Operation> = Set(Operation.allCases)) {
        self.latencyMs = latencyMs
        self.mode = mode
        self.count = count
        self.probability = probability
        self.operations = operations
    }

    /// What to do to one call, consuming one unit of `count` when it applies.
    mutating func take(for operation: Operation, random: Double) -> (latencyMs: Int, mode: Mode) {
        guard operations.contains(operation), latencyMs > 0 || mode != .none else { return (0, .none) }
        if let count, count <= 0 { return (0, .none) }
        if let probability, random >= probability { return (0, .none) }
        if let count { self.count = count - 1 }
        return (latencyMs, mode)
    }

    var jsonObject: JSONValue {
        var object: JSONValue = [
            "latencyMs": .int(latencyMs), "mode": .string(mode.rawValue),
            "operations": .array(operations.map(\.rawValue).sorted().map(JSONValue.string)),
        ]
        if let count { object.set("count", .int(count)) }
        if let probability { object.set("probability", .double(probability)) }
        return object
    }
}

extension FaultPlan {
    /// The body of `POST /__sandbox/faults`; every field may be left out.
    init(json: JSONNode) throws(JSONFieldError) {
        latencyMs = try json.optional("latencyMs", \.intValue) ?? 0
        mode = try json.optional("mode") { $0.stringValue.flatMap(Mode.init(rawValue:)) } ?? .none
        count = try json.optional("count", \.intValue)
        probability = try json.optional("probability", \.doubleValue)
        operations = Set(try json.optional("operations") { $0.array { $0.stringValue.flatMap(Operation.init(rawValue:)) } }
            ?? Operation.allCases)
    }
}
