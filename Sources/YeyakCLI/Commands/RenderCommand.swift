import Foundation
import JSON
import Mustache
import SiteBuilder

/// `yeyak render`: one template with JSON data to stdout, for template authors.
enum RenderCommand {
    static let command = Command(
        name: "render", summary: "Render one Mustache template with JSON data to stdout.",
        discussion: "Partials ({{> name}}) and parents ({{< name}}) are read from DIR/name.mustache. "
            + "Errors name the file, line and column.",
        arguments: [ArgumentSpec("TEMPLATE", "The template file, e.g. site-templates/restaurant.mustache.")],
        options: [
            .value("--data", "FILE.json", "The data (a JSON object)."),
            .value("--partials", "DIR", "Where partials are looked up (default: the template's folder)."),
        ]
    ) { arguments in
        guard let dataPath = arguments.value("--data") else { throw UsageError("render needs --data FILE.json") }
        let templatePath = arguments.positionals[0]
        guard let source = FileManager.default.contents(atPath: templatePath) else {
            throw CommandFailure("cannot read template '\(templatePath)'")
        }
        guard let dataBytes = FileManager.default.contents(atPath: dataPath) else {
            throw CommandFailure("cannot read data file '\(dataPath)'")
        }
        let data: MustacheValue
        do {
            data = MustacheValue(json: try JSONParser.parse(Array(dataBytes)))
        } catch let error as JSONParser.SyntaxError {
            throw CommandFailure("\(dataPath):\(error.line):\(error.column): \(error.message)")
        }
        let templateURL = URL(fileURLWithPath: templatePath)
        let partialsFolder = arguments.value("--partials").map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? templateURL.deletingLastPathComponent()
        do {
            let template = try Template(String(decoding: source, as: UTF8.self), name: templatePath)
            let output = try template.renderUTF8(data, partials: DirectoryPartials(directory: partialsFolder))
            FileHandle.standardOutput.write(Data(output))
        } catch let error as MustacheError {
            throw CommandFailure(error.description)
        }
        return 0
    }
}
