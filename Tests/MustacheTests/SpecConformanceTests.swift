import Foundation
import JSON
import Mustache
import SiteBuilder
import TestSupport
import XCTest

/// Runs every case of the Mustache spec's own test files from `../shared/mustache-spec/`
/// (read in place, never copied into the project).
final class SpecConformanceTests: XCTestCase {
    /// The spec modules the engine promises.
    static let requiredModules = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]

    func testRequiredModules() throws {
        let folder = try specFolder()
        var failures: [String] = []
        var passed = 0
        for module in Self.requiredModules {
            let file = folder.appendingPathComponent("\(module).json")
            guard FileManager.default.fileExists(atPath: file.path) else {
                failures.append("\(module): missing spec file \(file.path)")
                continue
            }
            let outcome = try Self.run(file: file)
            failures += outcome.failures
            passed += outcome.passed
        }
        XCTAssertGreaterThan(passed, 150, "too few spec cases ran")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) spec case(s) failed:\n" + failures.joined(separator: "\n"))
    }

    /// Dynamic names are optional in the spec; this engine implements them, so they must pass too.
    func testDynamicNamesModule() throws {
        let file = try specFolder().appendingPathComponent("~dynamic-names.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip("no ~dynamic-names.json in the spec folder")
        }
        let outcome = try Self.run(file: file)
        XCTAssertGreaterThan(outcome.passed, 0)
        XCTAssertTrue(outcome.failures.isEmpty, outcome.failures.joined(separator: "\n"))
    }

    // MARK: - Running spec files

    private func specFolder() throws -> URL {
        let folder = SharedFolder.url.appendingPathComponent("mustache-spec")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            let reason = "Mustache spec folder not found at \(folder.path); spec conformance not checked"
            print("SKIP: \(reason)")
            throw XCTSkip(reason)
        }
        return folder
    }

    struct Outcome {
        var passed = 0
        var failures: [String] = []
    }

    /// Each case: parse `template`, render `data` with `partials`, compare with `expected`.
    /// A failure names the file and the case and shows the three strings escaped.
    static func run(file: URL) throws -> Outcome {
        let module = file.deletingPathExtension().lastPathComponent
        let json = try JSONParser.parse([UInt8](Data(contentsOf: file)))
        guard let cases = json["tests"]?.arrayValue else {
            return Outcome(failures: ["\(module): no 'tests' array"])
        }
        var outcome = Outcome()
        for testCase in cases {
            let label = "\(module).json / \(testCase["name"]?.stringValue ?? "?")"
            guard let source = testCase["template"]?.stringValue, let expected = testCase["expected"]?.stringValue else {
                outcome.failures.append("\(label): malformed case")
                continue
            }
            do {
                var partialSources: [String: String] = [:]
                for (name, node) in testCase["partials"]?.objectMembers ?? [] { partialSources[name] = node.stringValue }
                let partials = try TemplateLibrary(sources: partialSources)
                let template = try Template(source, name: label)
                let data = testCase["data"].map(MustacheValue.init(json:)) ?? .null
                let output = try template.render(data, partials: partials)
                if output == expected {
                    outcome.passed += 1
                } else {
                    outcome.failures.append("""
                        \(label):
                            template: \(source.debugDescription)
                            expected: \(expected.debugDescription)
                            got:      \(output.debugDescription)
                        """)
                }
            } catch {
                outcome.failures.append("\(label): threw \(error)")
            }
        }
        return outcome
    }
}
