extension RequestField {
    /// Whether every request must carry the field (`id`, `ts`, `account`); the others have
    /// defaults (see ``RequestReadOptions``).
    public var isRequired: Bool {
        self == .id || self == .ts || self == .account
    }

    /// What the field holds in a file.
    var kind: Schema.Kind {
        switch self {
        case .id, .account, .key, .ip, .ua, .tls, .model, .endpoint, .prompt, .system:
            .string
        case .ts:
            .integer(Int64.min...Int64.max)
        case .asn:
            .integer(0...Int64(UInt32.max))
        case .temperature, .topP:
            .number
        case .logprobs, .stream:
            .boolean
        case .promptTokens, .completionTokens, .maxTokens, .n, .topLogprobs, .logitBias,
            .tools, .status, .latencyMs:
            .integer(Int64(Int32.min)...Int64(Int32.max))
        }
    }

    /// The columns of `requests.jsonl`/`requests.csv`, in ``allCases`` order.
    static func schema(mapping: [String: RequestField]) -> Schema {
        let columns = allCases.map { Schema.Column(name: $0.name, kind: $0.kind, isRequired: $0.isRequired) }
        let slots = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($0.element, $0.offset) })
        return Schema(columns: columns, mapping: mapping.compactMapValues { slots[$0] })
    }
}

/// Column slots of a request row: the positions of the fields in ``RequestField/allCases``
/// (a test checks that the two agree).
enum RequestSlot {
    static let id = 0, ts = 1, account = 2, key = 3, ip = 4, asn = 5, ua = 6, tls = 7, model = 8
    static let endpoint = 9, prompt = 10, system = 11, promptTokens = 12, completionTokens = 13
    static let maxTokens = 14, temperature = 15, topP = 16, n = 17, logprobs = 18
    static let topLogprobs = 19, logitBias = 20, tools = 21, stream = 22, status = 23
    static let latencyMs = 24
}
