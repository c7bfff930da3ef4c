#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The columns of one table (requests or accounts) and the keys that name them in a file.
struct Schema: Sendable {
    /// What a column holds.
    enum Kind: Sendable {
        case string
        case integer(ClosedRange<Int64>)
        case number
        case boolean
        /// Any value, kept as text: a string unescaped, any other JSON value as written (read by
        /// ``RawRecordReader`` for mapped logs).
        case raw

        /// The expectation shown when a value does not fit.
        var expectation: String {
            switch self {
            case .string: "a string"
            case .integer(let range) where range == Int64.min...Int64.max: "an integer"
            case .integer(let range): "an integer in \(range.lowerBound)...\(range.upperBound)"
            case .number: "a number"
            case .boolean: "true or false"
            case .raw: "a value"
            }
        }
    }

    /// One column: canonical name, kind, and whether a row must have it.
    struct Column: Sendable {
        let name: String
        let kind: Kind
        let isRequired: Bool
    }

    /// The columns, in canonical order; a column's index is its slot in ``RowValues``.
    let columns: [Column]
    /// `kinds[c]` is `columns[c].kind` (kept apart so the hot path copies no `String`).
    let kinds: [Kind]
    /// The file keys, sorted by the column they fill (so the usual key order probes once).
    let keyNames: [String]
    /// `keyColumns[k]` is the column key `k` fills.
    let keyColumns: [Int]
    private let keyBytes: [UInt8]
    private let keyEnds: [Int]
    /// Each key and its closing quote as little-endian words, with masks of the bytes that
    /// count, for ``predictedKey(_:available:hint:)``.
    private let keyPatterns: [KeyPattern]

    /// A plain key of up to 23 bytes and its closing quote, as three masked words (a key that
    /// JSON escapes, or a longer one, has zero masks and is compared byte by byte).
    private struct KeyPattern: Sendable {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var masks: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        var isPlain = false
        var fits: Bool { masks.0 != 0 }
    }
    /// The name a file uses for each column (its own, or the first key mapped to it).
    let fileNames: [String]
    /// Bit `c` set when column `c` is required.
    let requiredMask: UInt64
    /// Bit `c` set when column `c` is not read: its values are checked to be JSON and skipped
    /// (a reader asked for some fields only; issue 10).
    private(set) var skippedMask: UInt64 = 0

    /// A schema of `columns` where `mapping` (file key → column) renames some of them.
    init(columns: [Column], mapping: [String: Int]) {
        precondition(columns.count <= 64)
        self.columns = columns
        kinds = columns.map(\.kind)
        let renamed = Set(mapping.values)
        var keys = columns.enumerated()
            .filter { !renamed.contains($0.offset) && mapping[$0.element.name] == nil }
            .map { (name: $0.element.name, column: $0.offset) }
        keys += mapping.map { (name: $0.key, column: $0.value) }
        keys.sort { ($0.column, $0.name) < ($1.column, $1.name) }
        keyNames = keys.map(\.name)
        keyColumns = keys.map(\.column)
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for key in keys {
            bytes += Array(key.name.utf8)
            ends.append(bytes.count)
        }
        keyBytes = bytes
        keyEnds = ends
        keyPatterns = keys.map { key in
            let bytes = Array(key.name.utf8)
            var pattern = KeyPattern()
            pattern.length = bytes.count
            pattern.isPlain = bytes.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            let quoted = bytes + [UInt8(ascii: "\"")]
            guard pattern.isPlain, quoted.count <= 24 else { return pattern }
            func word(_ index: Int) -> (value: UInt64, mask: UInt64) {
                var value: UInt64 = 0
                var mask: UInt64 = 0
                for byte in 0..<8 where 8 * index + byte < quoted.count {
                    value |= UInt64(quoted[8 * index + byte]) << UInt64(8 * byte)
                    mask |= 0xFF << UInt64(8 * byte)
                }
                return (value, mask)
            }
            let (first, second, third) = (word(0), word(1), word(2))
            pattern.words = (first.value, second.value, third.value)
            pattern.masks = (first.mask, second.mask, third.mask)
            return pattern
        }
        fileNames = columns.indices.map { column in
            keys.first { $0.column == column }?.name ?? columns[column].name
        }
        requiredMask = columns.enumerated().reduce(0) { mask, column in
            column.element.isRequired ? mask | 1 << UInt64(column.offset) : mask
        }
    }

    /// The index of the key spelled by `bytes`, trying `hint` (the key after the last one
    /// found) first; `nil` for a key the schema does not know.
    @inline(__always)
    func key(_ bytes: UnsafeBufferPointer<UInt8>, hint: inout Int) -> Int? {
        let count = keyEnds.count
        var key = hint < count ? hint : 0
        for _ in 0..<count {
            if matches(key, bytes) {
                hint = key + 1
                return key
            }
            key = key + 1 == count ? 0 : key + 1
        }
        return nil
    }

    private func matches(_ key: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = key == 0 ? 0 : keyEnds[key - 1]
        guard keyEnds[key] - start == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return keyBytes.withUnsafeBufferPointer { keys in
            guard let keysBase = keys.baseAddress else { return false }
            return memcmp(keysBase + start, base, bytes.count) == 0
        }
    }

    /// This schema reading only the columns in `kept` (required columns are always read).
    func reading(only kept: UInt64) -> Schema {
        var schema = self
        schema.skippedMask = ~(kept | requiredMask) & (columns.count == 64 ? ~0 : (1 << UInt64(columns.count)) - 1)
        return schema
    }

    /// Whether column `column` is skipped.
    @inline(__always) func isSkipped(_ column: Int) -> Bool {
        skippedMask & (1 << UInt64(column)) != 0
    }

    /// Whether column `column` is required.
    @inline(__always) func isRequired(_ column: Int) -> Bool {
        requiredMask & (1 << UInt64(column)) != 0
    }

    /// The key expected at `hint` if `text` starts with it and its closing quote (keys with
    /// characters JSON escapes never match here): the common case, one comparison, no scan.
    @inline(__always)
    func predictedKey(_ text: UnsafePointer<UInt8>, available: Int, hint: Int) -> (key: Int, length: Int)? {
        keyPatterns.withUnsafeBufferPointer { patterns in
            let key = hint < patterns.count ? hint : 0
            guard key < patterns.count else { return nil }
            let pattern = patterns[key]
            let length = pattern.length
            guard pattern.isPlain, length < available else { return nil }
            if available >= 24, pattern.fits {
                // Three masked word compares: no loop whose length the branch predictor must guess.
                let raw = UnsafeRawPointer(text)
                func word(_ index: Int) -> UInt64 {
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
                }
                let difference =
                    ((word(0) ^ pattern.words.0) & pattern.masks.0) | ((word(1) ^ pattern.words.1) & pattern.masks.1)
                    | ((word(2) ^ pattern.words.2) & pattern.masks.2)
                return difference == 0 ? (key, length) : nil
            }
            guard text[length] == UInt8(ascii: "\"") else { return nil }
            let start = key == 0 ? 0 : keyEnds[key - 1]
            return keyBytes.withUnsafeBufferPointer { keys in
                for offset in 0..<length where keys[start + offset] != text[offset] { return nil }
                return (key, length)
            }
        }
    }

    /// The first required column absent from `present`, if any.
    func firstMissing(_ present: UInt64) -> Int? {
        let missing = requiredMask & ~present
        return missing == 0 ? nil : missing.trailingZeroBitCount
    }
}
