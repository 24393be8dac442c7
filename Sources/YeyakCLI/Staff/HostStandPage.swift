import Mustache

/// The host-stand sheet as one printable HTML file (`yeyak bookings today --html FILE`): no
/// outside CSS, fonts or scripts, so it prints the same from any browser or a USB stick.
/// A4 portrait, the column headings repeated on every page, a row never split across pages.
///
/// Guest-typed cells are made visible (`UntrustedText`: control and bidi characters shown as
/// escapes, as in the terminal) and then HTML-escaped (`Mustache.HTMLEscaping`).
enum HostStandPage {
    static func html(_ sheet: HostStandSheet, madeAt: String) -> String {
        var body = ""
        for section in sheet.sections {
            body += "<section>\n<h2>\(escape(section.name)) <small>\(escape(section.summary))</small></h2>\n"
            guard !section.rows.isEmpty else { body += "</section>\n"; continue }
            body += "<table>\n<thead><tr>"
                + HostStandSheet.header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in section.rows {
                let cancelled = HostStandSheet.isCancelled(row.booking.state)
                body += (cancelled ? "<tr class=\"cancelled\">" : "<tr>")
                    + HostStandSheet.cells(row).map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"
        }
        return """
            <!doctype html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(sheet.title))</title>
            <style>
            @page { size: A4 portrait; margin: 12mm 10mm; }
            body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
                   font-size: 11pt; color: #000; margin: 0 auto; max-width: 190mm; }
            h1 { font-size: 16pt; margin: 0 0 2mm; }
            h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; }
            h2 small { font-size: 10pt; font-weight: normal; }
            .made { font-size: 9pt; margin: 0; }
            table { width: 100%; border-collapse: collapse; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            th, td { border: 0.3mm solid #444; padding: 1.5mm 2mm; text-align: left; vertical-align: top;
                     word-break: keep-all; overflow-wrap: anywhere; }
            th { background: #eee; white-space: nowrap; }
            /* Time, party, phone, table and state stay on one line; name and 요청 사항 wrap. */
            td:nth-child(1), td:nth-child(2), td:nth-child(4), td:nth-child(6), td:nth-child(7) { white-space: nowrap; }
            tr.cancelled td { text-decoration: line-through; color: #555; }
            tr.cancelled td:last-child { text-decoration: none; font-weight: bold; }
            @media print { th { -webkit-print-color-adjust: exact; } }
            </style>
            </head>
            <body>
            <h1>\(escape(sheet.title))</h1>
            <p class="made">\(escape(madeAt)) 기준</p>
            \(body)</body>
            </html>

            """
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(UntrustedText.visible(text)) }
}
