/// JSON text of single values, appended to a byte buffer.
enum JSONText {
    /// `text` (UTF-8) quoted, with `"`, `\` and control characters escaped (runs of plain
    /// bytes copied at once).
    static func appendString(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        var run = text.startIndex
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(contentsOf: text[run..<index])
            run = index + 1
            switch byte {
            case 0x22, 0x5C: out += [0x5C, byte]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            default:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        out.append(contentsOf: text[run...])
        out.append(0x22)
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)  // a small string: no allocation
    }

    static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Shortest round-trip form (`0.7`, `1.0`); `null` for NaN and infinities, as `requests.jsonl`.
    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        out.append(contentsOf: value.isFinite ? value.description.utf8 : "null".utf8)
    }

    /// Shortest form that reads back as the same `Float`; `0` for zero.
    static func appendFloat(_ value: Float, to out: inout [UInt8]) {
        if value == 0 {
            out.append(0x30)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }
}
