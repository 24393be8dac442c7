import Foundation

/// The `yeyak` entry point: picks the subcommand, parses, runs, maps errors to exit codes
/// (2 for usage, 1 for runtime failures).
package enum YeyakCommandLine {
    /// Every command that works today; only these are listed in `--help`.
    package static var commands: [Command] {
        [CheckCommand.command, BuildCommand.command, RenderCommand.command, ServeCommand.command, BookingsCommand.command,
         SandboxCommand.command, DevCommand.command, NotificationsCommand.command]
    }

    /// Runs `arguments` (without the program name) and returns the exit status.
    package static func run(_ arguments: [String], output: TextSink = .standardOutput, errors: TextSink = .standardError) async -> Int32 {
        guard let first = arguments.first else {
            errors.write(HelpText.overview(commands) + "\n")
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
                output.write(HelpText.command(command) + "\n")
            } else {
                output.write(HelpText.overview(commands) + "\n")
            }
            return 0
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            errors.write("yeyak: unknown command '\(first)' (see 'yeyak --help')\n")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            output.write(HelpText.command(command) + "\n")
            return 0
        }
        do {
            let parsed = try ArgumentParser.parse(rest, for: command)
            return try await command.run(parsed)
        } catch let error as UsageError {
            errors.write("yeyak \(command.name): \(error.message) (see 'yeyak \(command.name) --help')\n")
            return 2
        } catch {
            errors.write("yeyak \(command.name): \(error)\n")
            return 1
        }
    }
}

/// Where a command writes text; tests capture it instead of the terminal.
package struct TextSink: Sendable {
    package let write: @Sendable (String) -> Void
    package init(_ write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Goes through `print` so it shares stdout's buffer with the commands' own output.
    package static let standardOutput = TextSink { text in print(text, terminator: "") }
    package static let standardError = TextSink { text in FileHandle.standardError.write(Data(text.utf8)) }
}
