/// Escaping for text that reaches an HTML page or an inline SVG.
///
/// Plot passes attribute values through unchanged and lets entity-looking text (`&lt;`) through
/// `.text`, so every string from a trace, a log or a caller is escaped here before it reaches Plot.
public enum Escaping {
    /// Escapes `s` so that it is safe both as element text and as a double-quoted attribute value.
    ///
    /// `& < > " '` become entities. Control characters (C0 but tab and newline, DEL, C1), the line
    /// and paragraph separators U+2028/U+2029 and the bidirectional overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069) become visible text such as `\u{1B}`, so an ANSI escape or
    /// a NUL shows as what it is instead of vanishing or reordering the text around it.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isHidden(scalar) {
                    out += visible(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Shortens `s` to at most `limit` characters (an ellipsis included) for a chart label.
    ///
    /// Counts grapheme clusters, and stops early when the kept text grows past four Unicode
    /// scalars per allowed character (a cluster can carry any number of combining marks).
    /// The result is not escaped: pass it through ``html(_:)``. A `limit` below 1 gives "…".
    public static func truncated(_ s: String, to limit: Int) -> String {
        let limit = max(limit, 1)
        let scalarBudget = limit * 4
        var count = 0
        var scalars = 0
        var end = s.startIndex
        for index in s.indices {
            let characterScalars = s[index].unicodeScalars.count
            if count == limit || scalars + characterScalars > scalarBudget { break }
            count += 1
            scalars += characterScalars
            end = s.index(after: index)
        }
        if end == s.endIndex { return s }
        // Keep room for the ellipsis.
        var kept = String(s[s.startIndex..<end])
        if count >= limit, !kept.isEmpty { kept.removeLast() }
        return kept + "…"
    }

    /// Whether `scalar` is a control or layout character that is replaced by visible text.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u{XX}` with at least two upper-case hex digits.
    private static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
    }
}
