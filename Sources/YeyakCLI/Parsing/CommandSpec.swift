/// What a subcommand accepts, so that parsing and `--help` come from one description.
public struct OptionSpec: Sendable {
    public let name: String          // "--content"
    public let valueName: String?    // "DIR"; nil for a flag such as "--verbose"
    public let help: String
    public let defaultValue: String?
    /// May be given several times (`--key A --key B`); read with `ParsedArguments.values(_:)`.
    public var isRepeatable = false

    public static func value(_ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
    }

    /// An option that collects every occurrence, in order.
    public static func repeated(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: nil, isRepeatable: true)
    }

    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
    }

    public var isFlag: Bool { valueName == nil }
}

/// A positional argument, e.g. `TEMPLATE` in `yeyak render TEMPLATE`.
public struct ArgumentSpec: Sendable {
    public let name: String
    public let help: String
    public let isOptional: Bool
    public init(_ name: String, _ help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = optional
    }
}

/// One `yeyak` subcommand: its description and what it does.
public struct Command: Sendable {
    public let name: String
    public let summary: String
    public let discussion: String?
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]
    /// Returns the exit status; throws `CommandFailure` (exit 1) for runtime failures.
    public let run: @Sendable (ParsedArguments) async throws -> Int32

    public init(
        name: String, summary: String, discussion: String? = nil,
        arguments: [ArgumentSpec] = [], options: [OptionSpec] = [],
        run: @escaping @Sendable (ParsedArguments) async throws -> Int32
    ) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.run = run
    }
}

/// A runtime failure a command reports: printed as `yeyak: message`, exit status 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
