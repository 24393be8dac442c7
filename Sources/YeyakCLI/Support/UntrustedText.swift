/// The one way Yeyak writes text it did not author (guest names, comments, Toss codes and
/// messages, webhook fields, paths) where people read it: log lines and the staff's terminal.
/// (Pages escape with `Mustache.HTMLEscaping`; JSON and CSV have their own quoting.)
///
/// Every control character (C0, DEL, C1), the line and paragraph separators and the bidi
/// controls become visible escapes (`\n`, `\u{1B}`, `\u{202E}`), and a backslash is doubled so
/// an escape can never be faked: one event stays one line, a terminal never runs an escape
/// sequence, and text cannot be reordered on screen to hide what it says.
enum UntrustedText {
    /// `text` with every character that could break a line, start a terminal sequence or
    /// reorder text replaced by a visible escape.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            let escape: String
            switch scalar {
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x5C: return true                              // backslash: escapes stay unambiguous
        case 0x00...0x1F, 0x7F...0x9F: return true          // C0, DEL, C1 (ESC starts terminal sequences)
        case 0x2028, 0x2029: return true                    // line and paragraph separators
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        default: return false
        }
    }
}
