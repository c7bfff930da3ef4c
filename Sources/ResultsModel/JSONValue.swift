/// A JSON value of a manifest's open-ended parts: detector parameters and the notes of a
/// mapped log. Integers stay integers, so `600` is written back as `600`.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A parameter's text as a JSON value: an integer, a number or a boolean when it reads as
    /// one, else the text.
    public static func parsing(_ text: String) -> JSONValue {
        if let value = Int(text) { return .integer(value) }
        if let value = Double(text) { return .number(value) }
        if let value = Bool(text) { return .bool(value) }
        return .string(text)
    }

    /// The text of a string, or the JSON-ish text of a scalar (for display).
    public var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): value
        case .array(let values): "[" + values.map(\.text).joined(separator: ", ") + "]"
        case .object(let values): "{" + values.keys.sorted().map { "\($0): \(values[$0]?.text ?? "")" }.joined(separator: ", ") + "}"
        }
    }
}
