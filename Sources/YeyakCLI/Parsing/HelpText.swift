import Foundation
/// `--help` text, generated from the same specs the parser uses.
enum HelpText {
    static func overview(_ commands: [Command]) -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var lines = [
            "yeyak - restaurant table booking with a Toss Payments deposit",
            "",
            "USAGE: yeyak COMMAND [OPTIONS]",
            "",
            "COMMANDS:",
        ]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "Run 'yeyak COMMAND --help' for a command's options."]
        return lines.joined(separator: "\n")
    }

    static func command(_ command: Command) -> String {
        let usageArguments = command.arguments.map { $0.isOptional ? "[\($0.name)]" : $0.name }
        var lines = [
            "yeyak \(command.name) - \(command.summary)",
            "",
            "USAGE: " + (["yeyak", command.name] + usageArguments + (command.options.isEmpty ? [] : ["[OPTIONS]"]))
                .joined(separator: " "),
        ]
        if let discussion = command.discussion { lines += ["", discussion] }
        if !command.arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for argument in command.arguments { lines.append("  \(argument.name)  \(argument.help)") }
        }
        lines += ["", "OPTIONS:"]
        let options = command.options + [.flag("--help", "Show this help.")]
        let labels = options.map { $0.isFlag ? $0.name : "\($0.name) \($0.valueName!)" }
        let width = (labels.map(\.count).max() ?? 0) + 2
        for (option, label) in zip(options, labels) {
            var line = "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + option.help
            if let value = option.defaultValue { line += " (default: \(value))" }
            if option.isRepeatable { line += " (repeatable)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
