/// Appends parsed rows to request batches: interns string fields, applies defaults and checks
/// trace order.
struct RequestRowSink {
    private var symbols: InternCache
    private var accounts: InternCache
    private let checksOrder: Bool
    private var previousTimestamp = Int64.min
    private var previousAccount: [UInt8] = []
    private var previousID: [UInt8] = []
    private var hasPrevious = false
    /// The code of the default endpoint, `chat`, once interned.
    private var chatCode: UInt32?

    init(symbols: Interner, accountNames: Interner, checksOrder: Bool) {
        self.symbols = InternCache(table: symbols)
        self.accounts = InternCache(table: accountNames)
        self.checksOrder = checksOrder
    }

    /// An empty batch over this sink's tables.
    func makeBatch(capacity: Int) -> RequestBatch {
        var batch = RequestBatch(symbols: symbols.table, accountNames: accounts.table)
        batch.reserveCapacity(capacity)
        return batch
    }

    /// Appends `row` to `batch`; throws ``TraceError/outOfOrder(file:line:message:)`` (and
    /// appends nothing) if it sorts before the previous row.
    mutating func append(_ row: RowValues, to batch: inout RequestBatch, file: String) throws {
        typealias S = RequestSlot
        let chat: StaticString = "chat"
        try row.text.withUnsafeBufferPointer { text in
            func string(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
                row.has(slot)
                    ? UnsafeBufferPointer(rebasing: text[row.textRanges[slot]])
                    : UnsafeBufferPointer(start: nil, count: 0)
            }
            func int32(_ slot: Int, _ fallback: Int32) -> Int32 {
                Int32(truncatingIfNeeded: row.integer(slot, or: Int64(fallback)))
            }
            let timestamp = row.integers[S.ts]
            if checksOrder {
                try checkOrder(timestamp, account: string(S.account), id: string(S.id), line: row.line, file: file)
            }
            batch.ids.append(utf8: string(S.id))
            batch.timestamps.append(timestamp)
            batch.accounts.append(accounts.code(for: string(S.account)))
            batch.keys.append(symbols.code(for: string(S.key)))
            batch.ips.append(symbols.code(for: string(S.ip)))
            batch.asns.append(UInt32(truncatingIfNeeded: row.integer(S.asn, or: 0)))
            batch.userAgents.append(symbols.code(for: string(S.ua)))
            batch.tlsFingerprints.append(symbols.code(for: string(S.tls)))
            batch.models.append(symbols.code(for: string(S.model)))
            if row.has(S.endpoint) {
                batch.endpoints.append(symbols.code(for: string(S.endpoint)))
            } else {
                let code =
                    chatCode ?? symbols.code(for: UnsafeBufferPointer(start: chat.utf8Start, count: chat.utf8CodeUnitCount))
                chatCode = code
                batch.endpoints.append(code)
            }
            batch.prompts.append(utf8: string(S.prompt))
            batch.systemPrompts.append(symbols.code(for: string(S.system)))
            batch.promptTokens.append(int32(S.promptTokens, 0))
            batch.completionTokens.append(int32(S.completionTokens, 0))
            batch.maxTokens.append(int32(S.maxTokens, 0))
            batch.temperatures.append(row.number(S.temperature, or: 1))
            batch.topPs.append(row.number(S.topP, or: 1))
            batch.completionCounts.append(int32(S.n, 1))
            batch.logprobs.append(row.boolean(S.logprobs, or: false))
            batch.topLogprobs.append(int32(S.topLogprobs, 0))
            batch.logitBiasEntries.append(int32(S.logitBias, 0))
            batch.toolCounts.append(int32(S.tools, 0))
            batch.streams.append(row.boolean(S.stream, or: false))
            batch.statuses.append(int32(S.status, 200))
            batch.latencies.append(int32(S.latencyMs, 0))
        }
    }

    // MARK: - Order

    /// The error of a request that sorts before the previous one (by `ts`, then `account`, then
    /// `id`, comparing UTF-8 bytes), or nil.
    static func orderError(
        _ timestamp: Int64, account: some Collection<UInt8>, id: some Collection<UInt8>,
        after previous: (timestamp: Int64, account: ArraySlice<UInt8>, id: ArraySlice<UInt8>), line: Int, file: String
    ) -> TraceError? {
        guard timestamp <= previous.timestamp else { return nil }
        let sortsBefore =
            timestamp < previous.timestamp || account.lexicographicallyPrecedes(previous.account)
            || (account.elementsEqual(previous.account) && id.lexicographicallyPrecedes(previous.id))
        guard sortsBefore else { return nil }
        return TraceError.outOfOrder(
            file: file, line: line,
            message: "request \(Excerpt.quoted(id)) (ts \(timestamp), account \(Excerpt.quoted(account)))"
                + " sorts before the previous request \(Excerpt.quoted(previous.id))"
                + " (ts \(previous.timestamp), account \(Excerpt.quoted(previous.account)))")
    }

    private mutating func checkOrder(
        _ timestamp: Int64, account: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>,
        line: Int, file: String
    ) throws {
        if hasPrevious, timestamp <= previousTimestamp, let error = Self.orderError(
            timestamp, account: account, id: id, after: (previousTimestamp, previousAccount[...], previousID[...]),
            line: line, file: file)
        {
            throw error
        }
        hasPrevious = true
        previousTimestamp = timestamp
        Self.copy(account, to: &previousAccount)
        Self.copy(id, to: &previousID)
    }

    /// Makes `array` hold `bytes`: a plain copy when the length is unchanged (ids and account
    /// names usually have one length), with none of `Array`'s generic replace and append.
    @inline(__always) private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to array: inout [UInt8]) {
        guard array.count == bytes.count, let source = bytes.baseAddress else {
            array = Array(bytes)
            return
        }
        array.withUnsafeMutableBufferPointer { target in
            target.baseAddress?.update(from: source, count: bytes.count)
        }
    }
}
