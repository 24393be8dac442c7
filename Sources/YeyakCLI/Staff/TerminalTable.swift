/// Columns for a person reading a terminal: every cell made safe with `UntrustedText.visible`
/// and padded by its display width, so Hangul (two columns each) lines up with ASCII.
enum TerminalTable {
    /// `header` and `rows` as aligned lines, two spaces between columns, no trailing blanks.
    static func render(header: [String], rows: [[String]]) -> [String] {
        let cells = ([header] + rows).map { $0.map(UntrustedText.visible) }
        let widths = header.indices.map { column in cells.map { displayWidth($0[column]) }.max() ?? 0 }
        return cells.map { line in
            var text = ""
            for (column, cell) in line.enumerated() {
                if column > 0 { text += "  " }
                text += cell
                if column < line.count - 1 { text += String(repeating: " ", count: widths[column] - displayWidth(cell)) }
            }
            return text.trimmingTrailingSpaces
        }
    }

    /// Columns a terminal gives `text`: East Asian wide characters (Hangul syllables and jamo,
    /// CJK, full-width forms, emoji) take two, combining marks and Hangul's trailing jamo none.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1.value) }
    }

    private static func width(of value: UInt32) -> Int {
        switch value {
        case 0x0300...0x036F, 0x1160...0x11FF, 0x200B...0x200D, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
