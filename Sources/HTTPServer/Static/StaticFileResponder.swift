#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Serves a folder (the built site, for `yeyak dev`) without ever leaving it.
///
/// The request path is already decoded once with dot segments removed by the parser; on top of
/// that every path is resolved with `realpath` (following symlinks) and must still lie under the
/// root's real path, and hidden names (`.git`, `.env`) are never served.
/// `/x/` serves `/x/index.html`; `/x` redirects to `/x/` when `x` is a folder; missing files get
/// the site's `404.html` when it has one.
package struct StaticFileResponder: HTTPResponder {
    package let root: String

    /// `root` must exist; it is resolved to its real path once.
    package init(root: String) {
        self.root = Self.realPath(root) ?? root
    }

    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, contentType: "text/plain; charset=utf-8",
                                body: "Only GET and HEAD.\n", headers: ["Allow": "GET, HEAD"])
        }
        guard let relative = safeRelativePath(request.path) else { return notFound() }
        guard let file = resolveInsideRoot(relative) else { return notFound() }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return notFound() }
        if isDirectory.boolValue {
            guard request.path.hasSuffix("/") else { return redirectToFolder(request) }
            guard let index = resolveInsideRoot(relative + (relative.isEmpty ? "" : "/") + "index.html") else { return notFound() }
            return serve(index, request: request, status: 200)
        }
        return serve(file, request: request, status: 200)
    }

    /// The path's segments joined without a leading slash, or nil when a segment is unsafe.
    /// The parser already refused these; checking again keeps this type safe on its own.
    private func safeRelativePath(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            if segment.hasPrefix(".") || segment.contains("\\") || segment.contains("\0") { return nil }
        }
        return segments.joined(separator: "/")
    }

    /// The real path of `relative` under the root, nil if it does not exist or escapes the root.
    private func resolveInsideRoot(_ relative: String) -> String? {
        let candidate = relative.isEmpty ? root : root + "/" + relative
        guard let real = Self.realPath(candidate) else { return nil }
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        guard real == root || real.hasPrefix(rootPrefix) else { return nil }
        return real
    }

    /// `realpath(3)`: absolute, symlinks followed, nil when the file does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func serve(_ file: String, request: HTTPRequest, status: Int) -> HTTPResponse {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let data = FileManager.default.contents(atPath: file) else {
            return status == 404 ? .text(404, "Not found.\n") : notFound()
        }
        var headers = HTTPHeaders()
        headers.set("Content-Type", ContentType.forExtension((file as NSString).pathExtension))
        headers.set("Cache-Control", "no-cache")
        if status == 200, let modified = attributes[.modificationDate] as? Date {
            let seconds = Int(modified.timeIntervalSince1970)
            let etag = "\"\(data.count)-\(seconds)\""
            headers.set("ETag", etag)
            headers.set("Last-Modified", ResponseSerializer.httpDate(time_t(seconds)))
            if request.headers.values(for: "If-None-Match").contains(where: { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag } }) {
                return HTTPResponse(status: 304, headers: headers)
            }
        }
        return HTTPResponse(status: status, headers: headers, body: [UInt8](data))
    }

    private func notFound() -> HTTPResponse {
        if let page = resolveInsideRoot("404.html") {
            return serve(page, request: HTTPRequest(method: "GET", target: "/404.html", path: "/404.html"), status: 404)
        }
        return .text(404, "Not found.\n")
    }

    /// Built from the raw target (ASCII, as the client sent it) so nothing decoded reaches a
    /// header, with its leading slashes collapsed to one: `//assets` must never become
    /// `Location: //assets/`, which a browser reads as a redirect to the host `assets`.
    private func redirectToFolder(_ request: HTTPRequest) -> HTTPResponse {
        let rawPath = "/" + request.target.prefix { $0 != "?" }.drop { $0 == "/" }
        let query = request.target.drop { $0 != "?" }
        var headers = HTTPHeaders()
        headers.set("Location", rawPath + "/" + query)
        return HTTPResponse(status: 301, contentType: "text/plain; charset=utf-8",
                            body: "Moved to \(rawPath)/\n", headers: headers)
    }
}
