/// Appending JSON and CSV text to a byte buffer: strings escaped, numbers spelled.
enum ByteEncoding {
    // MARK: - Strings

    /// Appends `text` as a JSON string: quoted; `"` and `\` escaped; `\n`, `\r`, `\t`, `\b`,
    /// `\f` in short form and other control characters as `\u00XX`; all else (UTF-8) as is.
    static func appendJSONString(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(0x22)
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            }
            runStart = index + 1
            output.append(0x5C)
            switch byte {
            case 0x22, 0x5C: output.append(byte)
            case 0x0A: output.append(0x6E)  // n
            case 0x0D: output.append(0x72)  // r
            case 0x09: output.append(0x74)  // t
            case 0x08: output.append(0x62)  // b
            case 0x0C: output.append(0x66)  // f
            default:
                output.append(0x75)  // u00XX
                output.append(0x30)
                output.append(0x30)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            }
        }
        if runStart < text.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        }
        output.append(0x22)
    }

    /// Appends `text` as a CSV field (RFC 4180): in double quotes, with quotes doubled, if it
    /// holds a comma, quote, CR or LF; as is otherwise.
    static func appendCSVField(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let needsQuotes = text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            output.append(contentsOf: text)
            return
        }
        output.append(0x22)
        var runStart = 0
        for index in 0..<text.count where text[index] == 0x22 {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...index]))
            output.append(0x22)
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        output.append(0x22)
    }

    /// Appends `text` encoded by `append` (one of the two functions above).
    static func append(
        _ text: String, to output: inout [UInt8],
        as append: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void
    ) {
        var text = text
        text.withUTF8 { append($0, &output) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x41 + value - 10
    }

    // MARK: - Numbers

    /// Appends the decimal digits of `value`.
    @inline(__always)
    static func appendInteger(_ value: some BinaryInteger, to output: inout [UInt8]) {
        appendInteger(Int64(truncatingIfNeeded: value), to: &output)
    }

    /// Appends the decimal digits of `value`.
    static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        var magnitude = value.magnitude
        if value >= 0, magnitude < 10 {
            output.append(0x30 + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = 0x2D
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends `true` or `false`.
    @inline(__always)
    static func appendBool(_ value: Bool, to output: inout [UInt8]) {
        appendStatic(value ? "true" : "false", to: &output)
    }

    /// Appends the bytes of a literal.
    @inline(__always)
    static func appendStatic(_ text: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

/// The text of the last double written to one column: sampling parameters repeat, so most
/// rows copy bytes instead of formatting.
struct DoubleText {
    private var bits: UInt64?
    private var text: [UInt8] = []
    /// Written for NaN and infinities, which JSON cannot spell (`null` in JSON, empty in CSV).
    private let nonFinite: [UInt8]

    init(nonFinite: String) {
        self.nonFinite = Array(nonFinite.utf8)
    }

    /// Appends `value` in Swift's shortest round-trip form (`0.7`, `1.0`, `1e-05`).
    @inline(__always)
    mutating func append(_ value: Double, to output: inout [UInt8]) {
        if value.bitPattern != bits {
            bits = value.bitPattern
            text = value.isFinite ? Array(value.description.utf8) : nonFinite
        }
        output.append(contentsOf: text)
    }
}
