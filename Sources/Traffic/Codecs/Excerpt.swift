/// Short, one-line renderings of file content for error messages.
enum Excerpt {
    /// At most this many characters of a value are shown.
    static let limit = 40

    /// `text` in double quotes, control characters escaped, cut at ``limit`` characters.
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Raw bytes (decoded leniently) in double quotes, escaped and cut like ``quoted(_:)``.
    static func quoted(_ bytes: some Collection<UInt8>) -> String {
        quoted(String(decoding: bytes, as: UTF8.self))
    }

    /// Raw bytes shown as they are (a JSON token keeps its own quotes), escaped and cut.
    static func token(_ bytes: some Collection<UInt8>) -> String {
        escaped(String(decoding: bytes, as: UTF8.self))
    }

    /// One byte of a line, for "found …" in syntax errors.
    static func byte(_ byte: UInt8) -> String {
        switch byte {
        case 0x20..<0x7F: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == limit {
                result += "…"
                break
            }
            Terminal.append(scalar, to: &result)
        }
        return result
    }
}
