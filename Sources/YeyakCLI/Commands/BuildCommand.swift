import Foundation
import SiteBuilder
import YeyakContent

/// `yeyak build`: validate content (the same problems as `check`), then render the site.
enum BuildCommand {
    static let command = Command(
        name: "build", summary: "Validate content/ and build the static site into output/.",
        discussion: """
            Rewrites only files whose bytes change and removes pages of removed restaurants (it never \
            deletes files it did not write). The --base-url, --service-url, --toss-sdk-url and \
            --toss-client-key options replace the site file's values for this build (yeyak dev uses them).
            """,
        options: [
            .value("--content", "DIR", "The content folder.", default: "content"),
            .value("--templates", "DIR", "The templates folder (with assets/).", default: "site-templates"),
            .value("--output", "DIR", "Where the site is written.", default: "output"),
            .value("--base-url", "URL", "Where the pages are published (sitemap, 404 and result page links)."),
            .value("--service-url", "URL", "Where the booking service answers."),
            .value("--toss-sdk-url", "URL", "The Toss browser SDK script (e.g. the local sandbox's)."),
            .value("--toss-client-key", "KEY", "The Toss client key (never a secret key)."),
            .flag("--file-links", "Link pages as .../index.html, to browse output/ as plain files."),
            .flag("--stats", "Also print pages per second and peak memory."),
        ]
    ) { arguments in
        let overrides = SiteOverrides(
            baseURL: try url(arguments, "--base-url"), serviceURL: try url(arguments, "--service-url"),
            tossSDKURL: try url(arguments, "--toss-sdk-url"), tossClientKey: arguments.value("--toss-client-key"),
            fileLinks: arguments.has("--file-links"))
        let contentPath = arguments.value("--content")!
        let output = URL(fileURLWithPath: arguments.value("--output")!, isDirectory: true)
        let started = Date()
        try requireFolder(contentPath)
        if let secret = ProcessInfo.processInfo.environment["TOSS_SECRET_KEY"], !secret.isEmpty {
            // The pages' client key (the override, else site.json's) must pair with the service's secret.
            let clientKey = try overrides.tossClientKey ?? loadContent(contentPath).site.tossClientKey
            try checkSecretKey(["TOSS_SECRET_KEY": secret], clientKey: clientKey)
        }
        let report: BuildReport
        do {
            // The loading entry, not loadContent + build: it can tell that nothing changed since
            // the last build and skip loading and rendering altogether.
            report = try SiteBuilder.build(
                content: URL(fileURLWithPath: contentPath, isDirectory: true),
                templates: URL(fileURLWithPath: arguments.value("--templates")!, isDirectory: true),
                output: output, overrides: overrides,
                progress: { line in FileHandle.standardError.write(Data("yeyak build: \(line)\n".utf8)) })
        } catch let error as ContentErrors {
            throw CommandFailure(error.description)
        } catch let error as BuildError {
            throw CommandFailure(error.message)
        }
        print("Built \(report.pages) pages for \(report.restaurants) restaurants into \(output.path): \(report.summary)")
        if arguments.has("--stats") {
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            let perSecond = Int(Double(report.pages) / seconds)
            print("total \(Int(seconds * 1000)) ms including content loading, \(perSecond) pages/s, peak RSS \(peakResidentMegabytes()) MB")
        }
        return 0
    }

    static func url(_ arguments: ParsedArguments, _ name: String) throws -> URL? {
        guard let text = arguments.value(name) else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw UsageError("\(name) takes an absolute http(s) URL, not '\(text)'")
        }
        return url
    }

    /// VmHWM from /proc/self/status (Linux): the most memory the build held at once.
    static func peakResidentMegabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return "?" }
        return String(kilobytes / 1024)
    }
}
