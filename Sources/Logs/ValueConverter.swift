import Foundation

/// Converts one field's source text by its rule (lookup table, timestamp format, scale,
/// buckets, prefix) to its type.
struct ValueConverter: Sendable {
    let type: FieldType
    let rule: FieldRule
    /// The log's file name without extension, for `{file}` in constants and prefixes.
    let fileStem: String
    /// The rule's prefix with `{file}` replaced.
    private let prefix: String

    init(type: FieldType, rule: FieldRule, fileStem: String = "") {
        self.type = type
        self.rule = rule
        self.fileStem = fileStem
        prefix = rule.prefix.replacingOccurrences(of: "{file}", with: fileStem)
    }

    /// A value written in the map (`values`, `otherwise`, `default`, `constant`), or nil if it
    /// does not fit the type.
    func convertFixed(_ text: String) -> FieldValue? {
        switch type {
        case .text:
            return .text(text.replacingOccurrences(of: "{file}", with: fileStem))
        case .integer(let range):
            guard let value = ValueText.integer(text), range.contains(value) else { return nil }
            return .integer(value)
        case .number:
            return ValueText.number(text).map(FieldValue.number)
        case .boolean:
            return ValueText.boolean(text).map(FieldValue.boolean)
        case .timestamp:
            if let value = ValueText.integer(text) { return .integer(value) }
            return ValueText.timestamp(text, format: rule.timestamp ?? .epochMilliseconds, zone: rule.assumedZoneSeconds)
                .map(FieldValue.integer)
        }
    }

    /// Why a source value did not convert.
    enum Failure: Error {
        /// Not in the `values` table, and no `otherwise`.
        case unlisted
        /// Not a value of the type.
        case badType
        /// Not a timestamp in the rule's format.
        case badTimestamp
    }

    /// The value of source text `text` (and, for `minus`, the subtracted column's text).
    func convert(_ text: String, minus: String? = nil) throws(Failure) -> FieldValue {
        if !rule.values.isEmpty {
            guard let target = rule.values[text] ?? rule.values[text.trimmingSpaces()] ?? rule.otherwise else {
                throw .unlisted
            }
            guard let value = convertFixed(target) else { throw .badType }
            return value
        }
        switch type {
        case .text:
            if let buckets = rule.hashBuckets { return .text(bucketName(of: text, buckets: buckets)) }
            return .text(prefix.isEmpty ? text : prefix + text)
        case .integer(let range):
            var value: Int64
            if let minus, let format = rule.timestamp {
                guard let end = ValueText.timestamp(text, format: format, zone: rule.assumedZoneSeconds),
                    let start = ValueText.timestamp(minus, format: format, zone: rule.assumedZoneSeconds)
                else { throw .badTimestamp }
                value = end - start
            } else if let scale = rule.scale {
                guard let number = ValueText.number(text) else { throw .badType }
                let scaled = (number * scale).rounded()
                guard abs(scaled) < 9.2e18 else { throw .badType }
                value = Int64(scaled)
            } else {
                guard let integer = ValueText.integer(text) else { throw .badType }
                value = integer
            }
            if let scale = rule.scale, minus != nil { value = Int64((Double(value) * scale).rounded()) }
            guard range.contains(value) else { throw .badType }
            return .integer(value)
        case .number:
            guard let number = ValueText.number(text) else { throw .badType }
            return .number(number * (rule.scale ?? 1))
        case .boolean:
            guard let boolean = ValueText.boolean(text) else { throw .badType }
            return .boolean(boolean)
        case .timestamp:
            guard let value = ValueText.timestamp(text, format: rule.timestamp ?? .epochMilliseconds, zone: rule.assumedZoneSeconds)
            else { throw .badTimestamp }
            return .integer(value)
        }
    }

    /// `prefix` + the bucket (zero-padded) of `text`'s 64-bit FNV-1a hash, finalised with
    /// SplitMix64's mixer so that neighbouring line numbers spread.
    func bucketName(of text: String, buckets: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = hash &+ 0x9e37_79b9_7f4a_7c15
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        let bucket = Int(hash % UInt64(buckets))
        let width = String(buckets - 1).count
        let digits = String(bucket)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return prefix + padded
    }
}
