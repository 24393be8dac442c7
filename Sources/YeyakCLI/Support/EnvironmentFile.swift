import Foundation
import TossClient
#if canImport(Glibc)
import Glibc
#endif

/// `KEY=VALUE` lines (systemd `EnvironmentFile=` syntax, the common subset) for secrets that
/// must live outside `content/` and `output/`.
enum EnvironmentFile {
    static func load(_ path: String, publishedFolders: [String]) throws -> [String: String] {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for folder in publishedFolders {
            let published = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
            if url.path == published || url.path.hasPrefix(published + "/") {
                throw CommandFailure("--env-file \(path) is inside \(folder)/, which is published; keep secrets outside it")
            }
        }
        // The file holds the secret key: refuse one that other users can read (or write).
        var info = stat()
        if stat(url.path, &info) == 0, info.st_mode & 0o007 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw CommandFailure("--env-file \(path) holds secrets but is readable by other users (mode \(mode)); fix it with: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CommandFailure("--env-file \(path) cannot be read")
        }
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CommandFailure("--env-file \(path):\(index + 1): expected KEY=VALUE")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw CommandFailure("--env-file \(path):\(index + 1): '\(key)' is not a variable name")
            }
            values[key] = value
        }
        return values
    }
}

/// `TossClientConfiguration.fromEnvironment` with its refusal as the command's failure.
func tossConfiguration(_ environment: [String: String]) throws -> TossClientConfiguration? {
    do { return try TossClientConfiguration.fromEnvironment(environment) } catch { throw CommandFailure(error.message) }
}
