import Traffic

/// The kinds of malformed line a mapped log may hold.
public enum MalformedKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// JSONL: not one JSON object; CSV: a broken quoted field or the wrong number of fields.
    case syntax
    /// A required field's source is absent, `null` or empty, with no default.
    case missingField = "missing_field"
    /// A value that does not convert to its field's type, or not listed in its `values`.
    case badType = "bad_type"
    /// A timestamp not in its rule's format (or without a zone when none is assumed).
    case badTimestamp = "bad_timestamp"
    /// Bytes that are not UTF-8.
    case invalidUTF8 = "invalid_utf8"

    /// Words for people.
    public var label: String {
        switch self {
        case .syntax: "not JSON / bad CSV record / wrong column count"
        case .missingField: "missing required field"
        case .badType: "bad type or value"
        case .badTimestamp: "bad timestamp"
        case .invalidUTF8: "invalid UTF-8"
        }
    }

    /// The kind of a reader's error about one line.
    static func of(_ error: TraceError) -> MalformedKind {
        switch error {
        case .missingField: .missingField
        case .invalidValue: .badType
        case .invalidUTF8: .invalidUTF8
        default: .syntax
        }
    }
}
