import Traffic

/// What a mapped field holds, which decides how its source text is converted.
enum FieldType: Sendable, Hashable {
    case text
    case integer(ClosedRange<Int64>)
    case number
    case boolean
    /// Unix epoch milliseconds, converted by the rule's `timestamp` format.
    case timestamp

    /// What a value must look like, for errors.
    var expectation: String {
        switch self {
        case .text: "text"
        case .integer(let range): "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .number: "a finite number"
        case .boolean: "true, false, 1 or 0"
        case .timestamp: "a timestamp"
        }
    }

    static let int32 = FieldType.integer(Int64(Int32.min)...Int64(Int32.max))

    /// The type of request field `field` (DESIGN §2).
    static func of(_ field: RequestField) -> FieldType {
        switch field {
        case .id, .account, .key, .ip, .ua, .tls, .model, .endpoint, .prompt, .system: .text
        case .ts: .timestamp
        case .asn: .integer(0...Int64(UInt32.max))
        case .temperature, .topP: .number
        case .logprobs, .stream: .boolean
        case .promptTokens, .completionTokens, .maxTokens, .n, .topLogprobs, .logitBias, .tools, .status, .latencyMs:
            .int32
        }
    }

    /// The type of account field `field`.
    static func of(_ field: AccountField) -> FieldType {
        field == .created ? .timestamp : .text
    }
}
