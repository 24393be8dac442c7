/// The result of parsing one subcommand's arguments.
package struct ParsedArguments: Sendable, Equatable {
    package var options: [String: String] = [:]
    /// Every value of a repeatable option, in the order given.
    package var repeated: [String: [String]] = [:]
    package var flags: Set<String> = []
    package var positionals: [String] = []

    /// The option's value, or its declared default.
    package func value(_ name: String) -> String? { options[name] }
    package func has(_ flag: String) -> Bool { flags.contains(flag) }
    /// A repeatable option's values; empty when it was not given.
    package func values(_ name: String) -> [String] { repeated[name] ?? [] }

    /// An integer option: digits only (no sign), within `range`; otherwise a usage error.
    package func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = options[name] else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.count <= 9,
              let number = Int(text), range.contains(number)
        else {
            throw UsageError("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }
}

/// Bad command-line usage: printed as one line, exit status 2.
package struct UsageError: Error, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// Parses `--name value`, `--name=value`, flags and positionals against a command's spec.
/// `--` ends options. Every option is long (`--name`), so a word with one leading dash is a
/// positional: booking numbers are base64url and about 1 in 64 starts with `-`.
/// Pure: no I/O, so every rule is table-tested.
package enum ArgumentParser {
    package static func parse(_ arguments: [String], for command: Command) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        for option in command.options where !option.isFlag {
            if let value = option.defaultValue { parsed.options[option.name] = value }
        }
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = command.options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '\(name)' for '\(command.name)'")
            }
            if spec.isFlag {
                if inlineValue != nil { throw UsageError("\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("\(name) needs a value (\(spec.valueName ?? "VALUE"))")
            }
            parsed.options[name] = value
            if spec.isRepeatable { parsed.repeated[name, default: []].append(value) }
        }
        let required = command.arguments.filter { !$0.isOptional }.count
        if parsed.positionals.count < required {
            let missing = command.arguments[parsed.positionals.count]
            throw UsageError("missing \(missing.name) for '\(command.name)'")
        }
        if parsed.positionals.count > command.arguments.count {
            throw UsageError("unexpected argument '\(parsed.positionals[command.arguments.count])' for '\(command.name)'")
        }
        return parsed
    }
}
