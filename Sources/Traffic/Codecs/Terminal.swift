/// Text from files (account ids, user agents, paths) made safe to print: control characters,
/// which could move the cursor, recolour or retitle a terminal, become visible escapes
/// (issue 8, item 7).
public enum Terminal {
    /// `text` with every C0 and C1 control character, DEL and the Unicode line and paragraph
    /// separators written as `\n`, `\r`, `\t` or `\u{…}`; everything else unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            append(scalar, to: &result)
        }
        return result
    }

    /// Like ``escaped(_:)`` but keeps line feeds: for multi-line output such as tables.
    public static func escapedKeepingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    /// `text` escaped and in double quotes.
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Whether `scalar` must not reach a terminal as it is.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    static func append(_ scalar: Unicode.Scalar, to result: inout String) {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
}
