import HTTPServer

/// `yeyak dev`'s one port: the service's routes go to the booking service, `/__dev/` answers
/// the live-reload script, everything else is a file from `output/`.
///
/// Path safety comes from the layers below and is tested through this router: the parser
/// decodes once, refuses encoded `/`, `\` and NUL and removes dot segments; `StaticFileResponder`
/// refuses hidden names and resolves every file's real path inside its root.
package struct DevRouter: HTTPResponder {
    private let service: any HTTPResponder
    private let site: any HTTPResponder
    private let isServicePath: @Sendable (String) -> Bool
    private let version: BuildVersion
    private let problem: BuildProblem

    /// - Parameters:
    ///   - service: the booking service (`ServiceStack.service`).
    ///   - isServicePath: which paths go to `service`; the service owns that list
    ///     (`BookingServiceRoutes.owns(path:)`), so this module need not know it.
    ///   - site: the built pages, normally `StaticFileResponder(root: output)`.
    ///   - problem: what open pages show over themselves (`LiveSite.problem`).
    package init(service: any HTTPResponder, isServicePath: @escaping @Sendable (String) -> Bool,
                site: any HTTPResponder, version: BuildVersion, problem: BuildProblem = BuildProblem()) {
        self.service = service
        self.isServicePath = isServicePath
        self.site = site
        self.version = version
        self.problem = problem
    }

    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        if isServicePath(request.path) { return await service.respond(to: request) }
        if request.path == "/__dev" || request.path.hasPrefix("/__dev/") { return devEndpoint(request) }
        return await page(request)
    }

    /// A file from `output/`; HTML gets the live-reload tag and is never cached, so a page
    /// always carries the build number it was served with (a cached copy would reload forever).
    private func page(_ request: HTTPRequest) async -> HTTPResponse {
        var request = request
        request.headers.remove("If-None-Match")
        request.headers.remove("If-Modified-Since")
        var response = await site.respond(to: request)
        guard response.headers["Content-Type"]?.hasPrefix("text/html") == true else { return response }
        response.body = LiveReloadScript.inject(into: response.body, version: version.current)
        response.headers.remove("ETag")
        response.headers.remove("Last-Modified")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func devEndpoint(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, contentType: "text/plain; charset=utf-8", body: "Only GET and HEAD.\n",
                                headers: ["Allow": "GET, HEAD"])
        }
        var response: HTTPResponse
        switch request.path {
        case LiveReloadScript.versionPath:
            response = .json(200, LiveReloadScript.status(version: version.current, problem: problem.current))
        case LiveReloadScript.path:
            response = HTTPResponse(status: 200, contentType: "application/javascript; charset=utf-8",
                                    body: LiveReloadScript.source)
        default:
            return .text(404, "Not found.\n")
        }
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
