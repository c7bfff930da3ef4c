/// The element ids of one chart, derived from a caller-given id and limited to `[a-z0-9-]`.
///
/// An id that had to be changed (other characters, upper case, too long) gets a short
/// FNV-1a hash of the original appended, so two different caller ids stay two different ids.
struct ChartIdentifier: Equatable {
    /// The chart's own id: `chart-<slug>`.
    let root: String

    init(_ raw: String) {
        var slug = ""
        var lastWasDash = true
        for scalar in raw.lowercased().unicodeScalars.prefix(4096) {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug += "-"
                lastWasDash = true
            }
            if slug.count >= 40 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        if slug != raw || slug.isEmpty {
            slug += (slug.isEmpty ? "" : "-") + Self.hash(raw)
        }
        root = "chart-" + slug
    }

    var title: String { root + "-title" }
    var description: String { root + "-desc" }
    var hatch: String { root + "-hatch" }

    /// 32-bit FNV-1a of the UTF-8 bytes, eight hex digits.
    private static func hash(_ s: String) -> String {
        var value: UInt32 = 2_166_136_261
        for byte in s.utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
