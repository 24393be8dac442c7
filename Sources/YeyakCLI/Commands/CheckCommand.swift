enum CheckCommand {
    static let command = Command(
        name: "check", summary: "Validate content/ and print a summary.",
        options: [.value("--content", "DIR", "The content folder.", default: "content")]
    ) { _ in
        throw CommandFailure("not implemented yet")
    }
}
