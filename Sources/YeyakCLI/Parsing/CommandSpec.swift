/// What a subcommand accepts, so that parsing and `--help` come from one description.
package struct OptionSpec: Sendable {
    package let name: String          // "--content"
    package let valueName: String?    // "DIR"; nil for a flag such as "--verbose"
    package let help: String
    package let defaultValue: String?
    /// May be given several times (`--key A --key B`); read with `ParsedArguments.values(_:)`.
    package var isRepeatable = false

    package static func value(_ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
    }

    /// An option that collects every occurrence, in order.
    package static func repeated(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: nil, isRepeatable: true)
    }

    package static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
    }

    package var isFlag: Bool { valueName == nil }
}

/// A positional argument, e.g. `TEMPLATE` in `yeyak render TEMPLATE`.
package struct ArgumentSpec: Sendable {
    package let name: String
    package let help: String
    package let isOptional: Bool
    package init(_ name: String, _ help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = optional
    }
}

/// One `yeyak` subcommand: its description and what it does.
package struct Command: Sendable {
    package let name: String
    package let summary: String
    package let discussion: String?
    package let arguments: [ArgumentSpec]
    package let options: [OptionSpec]
    /// Returns the exit status; throws `CommandFailure` (exit 1) for runtime failures.
    package let run: @Sendable (ParsedArguments) async throws -> Int32

    package init(
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
package struct CommandFailure: Error, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
