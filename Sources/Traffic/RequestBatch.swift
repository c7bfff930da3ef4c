/// A run of requests in time order, stored column by column (struct of arrays).
///
/// Detectors read the columns they need with no per-request dispatch. String fields with few
/// distinct values are stored as codes of the shared ``symbols`` table; accounts as dense
/// indices into ``accountNames`` (the order of `accounts.jsonl`); ids and prompts, unique per
/// row, as ``TextColumn``s.
public struct RequestBatch: Sendable {
    /// Codes of key, ip, ua, tls, model, endpoint and system values; shared by every batch of a trace.
    public let symbols: Interner
    /// Account ids; a request's `accounts[i]` is a code of this table. Shared by every batch of a trace.
    public let accountNames: Interner

    public var ids = TextColumn()
    public var timestamps: [Int64] = []
    public var accounts: [UInt32] = []
    public var keys: [UInt32] = []
    public var ips: [UInt32] = []
    public var asns: [UInt32] = []
    public var userAgents: [UInt32] = []
    public var tlsFingerprints: [UInt32] = []
    public var models: [UInt32] = []
    public var endpoints: [UInt32] = []
    public var prompts = TextColumn()
    public var systemPrompts: [UInt32] = []
    public var promptTokens: [Int32] = []
    public var completionTokens: [Int32] = []
    public var maxTokens: [Int32] = []
    public var temperatures: [Double] = []
    public var topPs: [Double] = []
    public var completionCounts: [Int32] = []
    public var logprobs: [Bool] = []
    public var topLogprobs: [Int32] = []
    public var logitBiasEntries: [Int32] = []
    public var toolCounts: [Int32] = []
    public var streams: [Bool] = []
    public var statuses: [Int32] = []
    public var latencies: [Int32] = []

    /// An empty batch over the given tables.
    public init(symbols: Interner, accountNames: Interner) {
        self.symbols = symbols
        self.accountNames = accountNames
    }

    /// The number of requests.
    @inlinable public var count: Int { timestamps.count }

    /// Whether the batch holds no request.
    @inlinable public var isEmpty: Bool { timestamps.isEmpty }

    /// Reserves room for `capacity` requests.
    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(values: capacity, bytesPerValue: 20)
        prompts.reserveCapacity(values: capacity, bytesPerValue: 160)
        timestamps.reserveCapacity(capacity)
        accounts.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
        ips.reserveCapacity(capacity)
        asns.reserveCapacity(capacity)
        userAgents.reserveCapacity(capacity)
        tlsFingerprints.reserveCapacity(capacity)
        models.reserveCapacity(capacity)
        endpoints.reserveCapacity(capacity)
        systemPrompts.reserveCapacity(capacity)
        promptTokens.reserveCapacity(capacity)
        completionTokens.reserveCapacity(capacity)
        maxTokens.reserveCapacity(capacity)
        temperatures.reserveCapacity(capacity)
        topPs.reserveCapacity(capacity)
        completionCounts.reserveCapacity(capacity)
        logprobs.reserveCapacity(capacity)
        topLogprobs.reserveCapacity(capacity)
        logitBiasEntries.reserveCapacity(capacity)
        toolCounts.reserveCapacity(capacity)
        streams.reserveCapacity(capacity)
        statuses.reserveCapacity(capacity)
        latencies.reserveCapacity(capacity)
    }

    /// Removes every request, keeping the storage and the tables.
    public mutating func removeAll() {
        self = RequestBatch(symbols: symbols, accountNames: accountNames, keepingStorageOf: self)
    }

    private init(symbols: Interner, accountNames: Interner, keepingStorageOf old: RequestBatch) {
        self = old
        ids.removeAll()
        prompts.removeAll()
        timestamps.removeAll(keepingCapacity: true)
        accounts.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        ips.removeAll(keepingCapacity: true)
        asns.removeAll(keepingCapacity: true)
        userAgents.removeAll(keepingCapacity: true)
        tlsFingerprints.removeAll(keepingCapacity: true)
        models.removeAll(keepingCapacity: true)
        endpoints.removeAll(keepingCapacity: true)
        systemPrompts.removeAll(keepingCapacity: true)
        promptTokens.removeAll(keepingCapacity: true)
        completionTokens.removeAll(keepingCapacity: true)
        maxTokens.removeAll(keepingCapacity: true)
        temperatures.removeAll(keepingCapacity: true)
        topPs.removeAll(keepingCapacity: true)
        completionCounts.removeAll(keepingCapacity: true)
        logprobs.removeAll(keepingCapacity: true)
        topLogprobs.removeAll(keepingCapacity: true)
        logitBiasEntries.removeAll(keepingCapacity: true)
        toolCounts.removeAll(keepingCapacity: true)
        streams.removeAll(keepingCapacity: true)
        statuses.removeAll(keepingCapacity: true)
        latencies.removeAll(keepingCapacity: true)
    }

    /// Appends one request given as a row, interning its string fields.
    public mutating func append(_ request: Request) {
        ids.append(request.id)
        timestamps.append(request.ts)
        accounts.append(accountNames.code(for: request.account))
        keys.append(symbols.code(for: request.key))
        ips.append(symbols.code(for: request.ip))
        asns.append(request.asn)
        userAgents.append(symbols.code(for: request.ua))
        tlsFingerprints.append(symbols.code(for: request.tls))
        models.append(symbols.code(for: request.model))
        endpoints.append(symbols.code(for: request.endpoint))
        prompts.append(request.prompt)
        systemPrompts.append(symbols.code(for: request.system))
        promptTokens.append(request.promptTokens)
        completionTokens.append(request.completionTokens)
        maxTokens.append(request.maxTokens)
        temperatures.append(request.temperature)
        topPs.append(request.topP)
        completionCounts.append(request.n)
        logprobs.append(request.logprobs)
        topLogprobs.append(request.topLogprobs)
        logitBiasEntries.append(request.logitBias)
        toolCounts.append(request.tools)
        streams.append(request.stream)
        statuses.append(request.status)
        latencies.append(request.latencyMs)
    }

    /// Request `index` as a row.
    public subscript(index: Int) -> Request {
        Request(
            id: ids[index], ts: timestamps[index], account: accountNames[accounts[index]],
            key: symbols[keys[index]], ip: symbols[ips[index]], asn: asns[index],
            ua: symbols[userAgents[index]], tls: symbols[tlsFingerprints[index]],
            model: symbols[models[index]], endpoint: symbols[endpoints[index]],
            prompt: prompts[index], system: symbols[systemPrompts[index]],
            promptTokens: promptTokens[index], completionTokens: completionTokens[index],
            maxTokens: maxTokens[index], temperature: temperatures[index], topP: topPs[index],
            n: completionCounts[index], logprobs: logprobs[index], topLogprobs: topLogprobs[index],
            logitBias: logitBiasEntries[index], tools: toolCounts[index], stream: streams[index],
            status: statuses[index], latencyMs: latencies[index])
    }
}
