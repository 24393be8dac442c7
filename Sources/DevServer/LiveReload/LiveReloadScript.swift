import JSON

/// The few lines `yeyak dev` adds to every HTML page it serves: poll `/__dev/version` once a
/// second; reload when the build number differs from the one the page was served with; while
/// the server reports a problem (a content mistake, a template error), show it over the page,
/// and take it away when the problem is gone (the fixed build then reloads the page).
///
/// The script is served from `/__dev/live-reload.js` rather than inlined, so it also works under
/// a Content-Security-Policy of `script-src 'self'`; the files in `output/` never contain it.
/// The problem text is set with `textContent`, never as HTML, so whatever it quotes from the
/// files stays text.
package enum LiveReloadScript {
    package static let path = "/__dev/live-reload.js"
    package static let versionPath = "/__dev/version"
    /// The overlay's element id (tests find it by this).
    package static let overlayId = "yeyak-dev-problem"

    /// `/__dev/version`'s answer: `{"version":3}`, with `"problem"` while there is one.
    package static func status(version: Int, problem: String?) -> String {
        var body: JSONValue = ["version": .int(version)]
        if let problem { body.set("problem", .string(problem)) }
        return body.text
    }

    package static let source = """
        /* yeyak dev: reloads this page when the site is rebuilt, and shows what stops a rebuild. Not part of output/. */
        (function () {
          "use strict";
          var script = document.currentScript;
          var shown = script ? Number(script.getAttribute("data-version")) : NaN;
          var overlay = null;
          function showProblem(text) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "\(overlayId)";
              overlay.setAttribute("role", "alert");
              overlay.setAttribute("lang", "ko");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;"
                + "margin:0;padding:24px;background:rgba(24,24,24,.95);color:#fff;font:15px/1.6 sans-serif;";
              var title = document.createElement("p");
              title.style.cssText = "margin:0 0 12px;font-weight:bold;color:#ffd166;";
              title.textContent = "yeyak dev: 다시 빌드하지 못했습니다. 이 페이지는 마지막으로 성공한 빌드입니다. "
                + "고치면 이 안내가 사라집니다.";
              var detail = document.createElement("pre");
              detail.style.cssText = "margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 monospace;";
              overlay.appendChild(title);
              overlay.appendChild(detail);
              document.body.appendChild(overlay);
            }
            overlay.lastChild.textContent = text;
          }
          function hideProblem() {
            if (overlay) { overlay.remove(); overlay = null; }
          }
          function poll(delay) {
            setTimeout(function () {
              fetch("\(versionPath)", { cache: "no-store" })
                .then(function (response) { return response.json(); })
                .then(function (body) {
                  if (isNaN(shown)) shown = body.version;
                  if (body.version !== shown) { location.reload(); return; }
                  if (typeof body.problem === "string") showProblem(body.problem); else hideProblem();
                  poll(1000);
                }, function () { poll(2000); });
            }, delay);
          }
          poll(0);
        })();

        """

    /// The tag for a page served while `version` is current.
    package static func tag(version: Int) -> String {
        "<script src=\"\(path)\" data-version=\"\(version)\"></script>\n"
    }

    /// `html` with the tag before its last `</body>` (or at the end when there is none).
    package static func inject(into html: [UInt8], version: Int) -> [UInt8] {
        let tag = Array(tag(version: version).utf8)
        guard let position = lastBodyClose(in: html) else { return html + tag }
        return Array(html[..<position]) + tag + Array(html[position...])
    }

    /// The offset of the last `</body` (any case).
    private static func lastBodyClose(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var index = html.count - needle.count
        while index >= 0 {
            var matches = true
            for offset in 0..<needle.count {
                let byte = html[index + offset]
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if lower != needle[offset] { matches = false; break }
            }
            if matches { return index }
            index -= 1
        }
        return nil
    }
}
