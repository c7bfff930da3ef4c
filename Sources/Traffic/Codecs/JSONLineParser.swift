/// A hand-written parser of one JSON object per line (RFC 8259) into a ``RowValues``.
///
/// Known keys are read straight into their column; unknown keys are skipped whatever their
/// value. Errors carry the line number and, for syntax errors, the 1-based byte column.
struct JSONLineParser {
    private let bytes: UnsafePointer<UInt8>
    private let end: Int
    private var index = 0
    private let file: String
    private let line: Int

    /// Deeper nesting in a skipped value is rejected rather than followed.
    static let maxDepth = 512

    init(_ bytes: UnsafePointer<UInt8>, count: Int, file: String, line: Int) {
        self.bytes = bytes
        self.end = count
        self.file = file
        self.line = line
    }

    // MARK: - Object

    /// Parses the line's object into `row` (cleared by the caller).
    ///
    /// - Parameters:
    ///   - hint: the key expected next (see ``Schema/key(_:hint:)``), kept across lines.
    ///   - scratch: a buffer for escaped keys and skipped strings, kept across lines.
    mutating func parseObject(
        schema: Schema, hint: inout Int, scratch: inout [UInt8], into row: inout RowValues
    ) throws {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "{") else {
            throw syntax("not a JSON object: expected '{'")
        }
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            members: while true {
                guard index < end, bytes[index] == UInt8(ascii: "\"") else {
                    throw syntax("expected a key in double quotes")
                }
                // The key expected next, matched in place (the common case); any other key is read.
                let key: Int?
                if let (predicted, length) = schema.predictedKey(bytes + index + 1, available: end - index - 1, hint: hint) {
                    index += length + 2
                    hint = predicted + 1
                    key = predicted
                } else {
                    key = try readKey(schema: schema, hint: &hint, scratch: &scratch)
                }
                if index + 1 < end, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] > 0x20 {
                    index += 1  // the usual `"key":value`, no whitespace to skip
                } else {
                    skipWhitespace()
                    guard index < end, bytes[index] == UInt8(ascii: ":") else {
                        throw syntax("expected ':' after the key")
                    }
                    index += 1
                    skipWhitespace()
                }
                if let key, !schema.isSkipped(schema.keyColumns[key]) {
                    try readValue(key: key, schema: schema, scratch: &scratch, into: &row)
                } else if index < end, bytes[index] == UInt8(ascii: "\"") {
                    if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
                    try readString(into: &scratch, keep: false)
                } else {
                    try skipValue(depth: 0, scratch: &scratch)
                }
                if index + 1 < end, bytes[index] == UInt8(ascii: ","), bytes[index + 1] == UInt8(ascii: "\"") {
                    index += 1  // the usual `,"next key"`
                    continue
                }
                skipWhitespace()
                guard index < end else { throw syntax("expected ',' or '}'") }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "}"):
                    index += 1
                    break members
                default:
                    throw syntax("expected ',' or '}'")
                }
            }
        }
        skipWhitespace()
        guard index == end else { throw syntax("unexpected text after the object") }
    }

    /// Reads a key other than the one expected next (see ``Schema/predictedKey(_:available:hint:)``).
    @inline(never) private mutating func readKey(
        schema: Schema, hint: inout Int, scratch: inout [UInt8]
    ) throws -> Int? {
        let start = index + 1
        var cursor = start
        while cursor < end, case let byte = bytes[cursor], byte >= 0x20, byte < 0x80,
            byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\")
        {
            cursor += 1
        }
        if cursor < end, bytes[cursor] == UInt8(ascii: "\"") {
            index = cursor + 1
            return schema.key(UnsafeBufferPointer(start: bytes + start, count: cursor - start), hint: &hint)
        }
        scratch.removeAll(keepingCapacity: true)
        try readString(into: &scratch)
        return scratch.withUnsafeBufferPointer { schema.key($0, hint: &hint) }
    }

    // MARK: - Values

    private mutating func readValue(
        key: Int, schema: Schema, scratch: inout [UInt8], into row: inout RowValues
    ) throws {
        guard index < end else { throw syntax("expected a value") }
        let column = schema.keyColumns[key]
        let kind = schema.kinds[column]
        var field: String { schema.keyNames[key] }
        // A repeated key would silently win over the first (issue 8, item 5).
        guard !row.has(column) else {
            throw TraceError.syntax(file: file, line: line, message: "duplicate key \(Excerpt.quoted(field))")
        }
        let first = bytes[index]
        if first == UInt8(ascii: "n"), literal("null") {
            guard !schema.isRequired(column) else {
                throw TraceError.invalidValue(
                    file: file, line: line, field: field, expected: kind.expectation, found: "null")
            }
            row.unmark(column)
            return
        }
        switch kind {
        case .string:
            guard first == UInt8(ascii: "\"") else {
                return try wrongType(field: field, kind: kind, scratch: &scratch)
            }
            let start = row.text.count
            try readString(into: &row.text, key: key, schema: schema)
            row.textRanges[column] = start..<row.text.count
        case .integer(let range):
            let start = index
            guard first == UInt8(ascii: "-") || (first &- 0x30) < 10 else {
                return try wrongType(field: field, kind: kind, scratch: &scratch)
            }
            let isInteger = try scanNumber()
            let token = UnsafeBufferPointer(start: bytes + start, count: index - start)
            guard isInteger, let value = NumberText.integer(token), range.contains(value) else {
                throw TraceError.invalidValue(
                    file: file, line: line, field: field, expected: kind.expectation,
                    found: Excerpt.token(token))
            }
            row.integers[column] = value
        case .number:
            let start = index
            guard first == UInt8(ascii: "-") || (first &- 0x30) < 10 else {
                return try wrongType(field: field, kind: kind, scratch: &scratch)
            }
            _ = try scanNumber()
            let token = UnsafeBufferPointer(start: bytes + start, count: index - start)
            guard let value = NumberText.double(token) else {
                throw syntax("invalid number", at: start)
            }
            row.numbers[column] = value
        case .raw:
            let start = row.text.count
            if first == UInt8(ascii: "\"") {
                try readString(into: &row.text, key: key, schema: schema)
            } else {
                let valueStart = index
                try skipValue(depth: 0, scratch: &scratch)
                row.text.append(contentsOf: UnsafeBufferPointer(start: bytes + valueStart, count: index - valueStart))
            }
            row.textRanges[column] = start..<row.text.count
        case .boolean:
            if first == UInt8(ascii: "t"), literal("true") {
                row.booleans[column] = true
            } else if first == UInt8(ascii: "f"), literal("false") {
                row.booleans[column] = false
            } else {
                return try wrongType(field: field, kind: kind, scratch: &scratch)
            }
        }
        row.mark(column)
    }

    /// Throws "expected …, found <the value>" after checking that the value is valid JSON.
    private mutating func wrongType(field: String, kind: Schema.Kind, scratch: inout [UInt8]) throws {
        let start = index
        try skipValue(depth: 0, scratch: &scratch)
        throw TraceError.invalidValue(
            file: file, line: line, field: field, expected: kind.expectation,
            found: Excerpt.token(UnsafeBufferPointer(start: bytes + start, count: index - start)))
    }

    /// Consumes `word` if it comes next (and is not followed by more letters).
    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let base = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != base[offset] { return false }
        if index + count < end, case let next = bytes[index + count] | 0x20, next >= 0x61, next <= 0x7A {
            return false
        }
        index += count
        return true
    }

    /// Consumes a JSON number; returns whether it is an integer (no fraction, no exponent).
    private mutating func scanNumber() throws -> Bool {
        let start = index
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, (bytes[index] &- 0x30) < 10 else { throw syntax("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end, (bytes[index] &- 0x30) < 10 {
                throw syntax("invalid number (leading zero)", at: start)
            }
        } else {
            skipDigits()
        }
        var isInteger = true
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, (bytes[index] &- 0x30) < 10 else {
                throw syntax("invalid number", at: start)
            }
            skipDigits()
            isInteger = false
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < end, (bytes[index] &- 0x30) < 10 else {
                throw syntax("invalid number", at: start)
            }
            skipDigits()
            isInteger = false
        }
        return isInteger
    }

    @inline(__always) private mutating func skipDigits() {
        while index < end, (bytes[index] &- 0x30) < 10 { index += 1 }
    }

    /// Consumes any JSON value, checking that it is well formed.
    private mutating func skipValue(depth: Int, scratch: inout [UInt8]) throws {
        guard depth < Self.maxDepth else { throw syntax("nesting deeper than \(Self.maxDepth) levels") }
        guard index < end else { throw syntax("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
            try readString(into: &scratch, keep: false)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = bytes[index] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if index < end, bytes[index] == close {
                index += 1
                return
            }
            while true {
                if isObject {
                    guard index < end, bytes[index] == UInt8(ascii: "\"") else {
                        throw syntax("expected a key in double quotes")
                    }
                    scratch.removeAll(keepingCapacity: true)
                    try readString(into: &scratch)
                    skipWhitespace()
                    guard index < end, bytes[index] == UInt8(ascii: ":") else {
                        throw syntax("expected ':' after the key")
                    }
                    index += 1
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1, scratch: &scratch)
                skipWhitespace()
                guard index < end else { throw syntax("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                if bytes[index] == close {
                    index += 1
                    return
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw syntax("expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
                index += 1
                skipWhitespace()
            }
        case UInt8(ascii: "t") where literal("true"): return
        case UInt8(ascii: "f") where literal("false"): return
        case UInt8(ascii: "n") where literal("null"): return
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        default:
            throw syntax("expected a value")
        }
    }

    // MARK: - Strings

    /// Consumes a JSON string (at its opening quote), appending its unescaped UTF-8 to `output`
    /// (only its escapes when `keep` is off: a skipped value is checked, not copied).
    private mutating func readString(
        into output: inout [UInt8], key: Int? = nil, schema: Schema? = nil, keep: Bool = true
    ) throws {
        index += 1
        while true {
            let runStart = index
            while true {
                skipPlainASCII()
                guard index < end else { break }
                let byte = bytes[index]
                if byte >= 0x20, byte < 0x80 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                    index += 1
                } else if byte >= 0x80, case let length = UTF8Check.sequenceLength(bytes, at: index, end: end),
                    length > 0
                {
                    index += length
                } else {
                    break
                }
            }
            if keep, index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index - runStart))
            }
            guard index < end else { throw syntax("unterminated string") }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                try readEscape(into: &output)
            case 0..<0x20:
                throw syntax("control character in a string (must be escaped)")
            default:
                throw TraceError.invalidUTF8(file: file, line: line, field: key.flatMap { schema?.keyNames[$0] })
            }
        }
    }

    /// Skips 8 bytes at a time while none is a quote, backslash, control or non-ASCII byte
    /// (the SWAR tests of Lamport 1975 / Mycroft's has-zero-byte trick), then to the first such
    /// byte of the word.
    @inline(__always) private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(bytes)
        // 16 bytes at a time: the same tests on byte lanes (SSE2 psubb, pand, por), where no
        // borrow crosses lanes, so every flagged byte is exact.
        while index + 16 <= end {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            let quotes = chunk ^ SIMD16(repeating: 0x22)
            let backslashes = chunk ^ SIMD16(repeating: 0x5C)
            let one = SIMD16<UInt8>(repeating: 1)
            let special =
                ((quotes &- one) & ~quotes) | ((backslashes &- one) & ~backslashes)
                | ((chunk &- SIMD16(repeating: 0x20)) & ~chunk) | chunk
            let found = unsafeBitCast(special & SIMD16(repeating: 0x80), to: SIMD2<UInt64>.self)
            if found[0] != 0 {
                index += found[0].trailingZeroBitCount >> 3
                return
            }
            if found[1] != 0 {
                index += 8 + found[1].trailingZeroBitCount >> 3
                return
            }
            index += 16
        }
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let special =
                ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
                | ((word &- ones &* 0x20) & ~word) | word
            let found = special & highs
            if found != 0 {
                // The lowest flagged byte is exact (borrows only flag bytes above a true hit).
                index += found.trailingZeroBitCount >> 3
                return
            }
            index += 8
        }
    }

    private mutating func readEscape(into output: inout [UInt8]) throws {
        let start = index
        guard index + 1 < end else { throw syntax("unterminated string") }
        let escaped = bytes[index + 1]
        index += 2
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "u"):
            var scalar = try hex4(escapeStart: start)
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw syntax("unpaired surrogate in a \\u escape", at: start) }
                index += 2
                let low = try hex4(escapeStart: start)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw syntax("unpaired surrogate in a \\u escape", at: start)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw syntax("unpaired surrogate in a \\u escape", at: start)
            }
            UTF8Check.append(scalar: scalar, to: &output)
        default:
            throw syntax("invalid escape in a string", at: start)
        }
    }

    private mutating func hex4(escapeStart: Int) throws -> UInt32 {
        guard index + 4 <= end else { throw syntax("invalid \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x41 + 10
            default: throw syntax("invalid \\u escape", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: - Helpers

    @inline(__always) private mutating func skipWhitespace() {
        // One comparison for the usual byte, anything above a space.
        while index < end, case let byte = bytes[index], byte <= 0x20,
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        {
            index += 1
        }
    }

    /// A syntax error at `position` (default: the current byte), naming what was found there.
    private func syntax(_ message: String, at position: Int? = nil) -> TraceError {
        let position = position ?? index
        let found = position < end ? Excerpt.byte(bytes[position]) : "end of line"
        return .syntax(file: file, line: line, message: "\(message) at column \(position + 1), found \(found)")
    }
}
