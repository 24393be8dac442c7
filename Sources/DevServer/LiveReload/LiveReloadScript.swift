/// The few lines `yeyak dev` adds to every HTML page it serves: poll `/__dev/version` once a
/// second and reload when the build number differs from the one the page was served with.
///
/// The script is served from `/__dev/live-reload.js` rather than inlined, so it also works under
/// a Content-Security-Policy of `script-src 'self'`; the files in `output/` never contain it.
package enum LiveReloadScript {
    package static let path = "/__dev/live-reload.js"
    package static let versionPath = "/__dev/version"

    package static let source = """
        /* yeyak dev: reloads this page when the site is rebuilt. Not part of output/. */
        (function () {
          "use strict";
          var script = document.currentScript;
          var shown = script ? Number(script.getAttribute("data-version")) : NaN;
          function poll(delay) {
            setTimeout(function () {
              fetch("\(versionPath)", { cache: "no-store" })
                .then(function (response) { return response.json(); })
                .then(function (body) {
                  if (isNaN(shown)) shown = body.version;
                  if (body.version !== shown) { location.reload(); return; }
                  poll(1000);
                }, function () { poll(2000); });
            }, delay);
          }
          poll(1000);
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
