/// The file name of a configured detector under `scores/` and `sweep/` (DESIGN §4): safe on
/// every file system and in a shell. Letters, digits, `.`, `-` and `_` stay (letters in lower
/// case); `(` and `,` become `__`, `=` becomes `-`, `)` is dropped, and any other byte is
/// written `%HH`. `prada(delta=0.92,min_queries=100)` → `prada__delta-0.92__min_queries-100`.
public enum DetectorFileName {
    /// The file name (without extension) of `configuredName`.
    public static func of(_ configuredName: String) -> String {
        var result = ""
        for byte in configuredName.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                result.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
            case UInt8(ascii: "("), UInt8(ascii: ","): result += "__"
            case UInt8(ascii: "="): result += "-"
            case UInt8(ascii: ")"): break
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        if result.hasPrefix(".") { result = "%2E" + result.dropFirst() }
        return result.isEmpty ? "%00" : result
    }
}
