/// The file name of a configured detector under `scores/` and `sweep/` (DESIGN §4): safe on
/// every file system and in a shell. Letters, digits, `.`, `-` and `_` stay (letters in lower
/// case); `(` and `,` become `__`, `=` becomes `-`, `)` is dropped, and any other byte is
/// written `%HH`. `prada(delta=0.92,min_queries=100)` → `prada__delta-0.92__min_queries-100`.
/// A name longer than ``maximumLength`` keeps its first characters and ends in `~` and the
/// 64-bit FNV-1a hash of the whole name in hex, so it stays a legal, distinct file name.
public enum DetectorFileName {
    /// File names stay below most file systems' 255-byte limit, with room for an extension.
    public static let maximumLength = 200

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
        if result.utf8.count > maximumLength {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in configuredName.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let digits = String(hash, radix: 16)
            result = String(result.prefix(maximumLength - 17)) + "~" + String(repeating: "0", count: 16 - digits.count) + digits
        }
        return result.isEmpty ? "%00" : result
    }
}
