/// The checks of DESIGN §2 beyond parsing, applied batch by batch as requests stream past:
/// unique ids, accounts in the account table, values in range, prompts within 512 characters,
/// times within the manifest's range; at the end, the manifest's counts. `validate` and
/// `evaluate` share it, so that one accepts exactly what the other accepts (issue 8, item 5).
public struct RequestChecker: Sendable {
    /// The endpoints DESIGN §2 allows.
    public static let endpoints: Set<String> = ["chat", "completions", "responses", "embeddings", "batch"]

    /// The requests file, as shown in errors.
    public let file: String
    /// Lines before the first request (1 for a CSV header).
    public let headerLines: Int
    /// Accounts in the account table; requests must name one of them when `hasAccountTable`.
    public let accountCount: Int
    /// Whether the trace has an account table (a real log may have none).
    public let hasAccountTable: Bool
    /// The account table's file name, for messages.
    public let accountsFile: String
    /// The manifest's time range, if the trace has a manifest.
    public let timeRange: ClosedRange<Int64>?

    /// Requests checked (valid or not).
    public private(set) var rows = 0
    /// Requests found invalid and skipped (only under `skipInvalid`).
    public private(set) var invalid = 0
    /// The first invalid request skipped, if any.
    public private(set) var firstInvalid: TraceError?
    /// Valid requests.
    public var valid: Int { rows - invalid }
    /// Time of the first and last valid request.
    public private(set) var firstRequest: Int64 = 0
    public private(set) var lastRequest: Int64 = 0
    /// Per account code, whether it sent a valid request.
    public private(set) var active: [Bool]

    private var sawValid = false
    /// ``HashSet64/hash(_:)`` of every valid request's id: 16 bytes per request (8-byte slots,
    /// at most half full), the one part of the checks that grows with the requests.
    private var seenIDs = HashSet64()
    private var validEndpoints: [UInt32: Bool] = [:]

    public init(
        file: String, headerLines: Int, accountCount: Int, hasAccountTable: Bool, accountsFile: String,
        timeRange: ClosedRange<Int64>?
    ) {
        self.file = file
        self.headerLines = headerLines
        self.accountCount = accountCount
        self.hasAccountTable = hasAccountTable
        self.accountsFile = accountsFile
        self.timeRange = timeRange
        active = [Bool](repeating: false, count: accountCount)
    }

    /// Checks every request of `batch`.
    ///
    /// - Parameter skipInvalid: count invalid requests instead of throwing.
    /// - Returns: the indices of the valid requests when some were invalid, nil when all are valid.
    /// - Throws: ``TraceError`` naming the file, line and field of the first invalid request.
    /// - Parameter idHashes: ``idHashes(of:)`` of the batch, if the caller has them already.
    public mutating func check(
        _ batch: RequestBatch, skipInvalid: Bool = false, idHashes: [UInt64]? = nil
    ) throws(TraceError) -> [Int]? {
        let hashes = idHashes ?? Self.idHashes(of: batch)
        // Ids seen in earlier batches, looked up together (see HashSet64.contains(each:)).
        let seenBefore = hashes.withUnsafeBufferPointer(seenIDs.contains(each:))
        var kept: [Int]?
        for i in 0..<batch.count {
            let id = (hash: hashes[i], seenBefore: seenBefore[i])
            if let problem = problem(in: batch, at: i, id: id, line: rows + i + 1 + headerLines) {
                guard skipInvalid else { throw problem }
                invalid += 1
                if firstInvalid == nil { firstInvalid = problem }
                if kept == nil { kept = Array(0..<i) }
                continue
            }
            kept?.append(i)
            let account = Int(batch.accounts[i])
            if account < active.count { active[account] = true }
            if !sawValid {
                firstRequest = batch.timestamps[i]
                sawValid = true
            }
            lastRequest = batch.timestamps[i]
        }
        rows += batch.count
        return kept
    }

    /// Whether a valid request had the id `id`.
    public func contains(id: String) -> Bool {
        seenIDs.contains(Array(id.utf8).withUnsafeBufferPointer(HashSet64.hash))
    }

    /// ``HashSet64/hash(_:)`` of each request id of `batch`, as ``check(_:skipInvalid:idHashes:)``
    /// and the request labels look them up.
    public static func idHashes(of batch: RequestBatch) -> [UInt64] {
        batch.ids.bytes.withUnsafeBufferPointer { bytes in
            (0..<batch.count).map { HashSet64.hash(UnsafeBufferPointer(rebasing: bytes[batch.ids.range($0)])) }
        }
    }

    /// Checks the manifest's counts against what was read.
    public func finish(manifest: TraceManifest?, manifestFile: String) throws(TraceError) {
        guard let manifest else { return }
        guard manifest.requests == rows else {
            throw TraceError.invalidValue(
                file: manifestFile, line: 1, field: "requests", expected: "\(rows) (the requests file's count)",
                found: "\(manifest.requests)")
        }
        guard !hasAccountTable || manifest.accounts == accountCount else {
            throw TraceError.invalidValue(
                file: manifestFile, line: 1, field: "accounts", expected: "\(accountCount) (the account table's count)",
                found: "\(manifest.accounts)")
        }
    }

    // MARK: - One request

    private mutating func problem(
        in batch: RequestBatch, at i: Int, id: (hash: UInt64, seenBefore: Bool), line: Int
    ) -> TraceError? {
        let file = file
        func fail(_ field: RequestField, _ expected: String, _ found: String) -> TraceError {
            .invalidValue(file: file, line: line, field: field.name, expected: expected, found: found)
        }
        let account = Int(batch.accounts[i])
        if hasAccountTable, account >= accountCount {
            return fail(.account, "an account of \(accountsFile)", Excerpt.quoted(batch.accountNames[batch.accounts[i]]))
        }
        if id.seenBefore { return duplicate() }
        if let problem = valueProblem(in: batch, at: i, fail: fail) {
            // The id is checked first: a request both repeated and wrong in another field is reported as repeated.
            return seenIDs.contains(id.hash) ? duplicate() : problem
        }
        // One probe both checks the id against the batch's earlier requests and records it.
        return seenIDs.insert(id.hash) ? nil : duplicate()

        func duplicate() -> TraceError { fail(.id, "a request id unique in the trace", Excerpt.quoted(batch.ids[i])) }
    }

    /// The first problem of request `i` after its account and id: time, endpoint, values in range, prompt length.
    private mutating func valueProblem(
        in batch: RequestBatch, at i: Int, fail: (RequestField, String, String) -> TraceError
    ) -> TraceError? {
        if let timeRange, !timeRange.contains(batch.timestamps[i]) {
            return fail(.ts, "a time within the manifest's range", "\(batch.timestamps[i])")
        }
        let endpoint = batch.endpoints[i]
        if validEndpoints[endpoint] == nil { validEndpoints[endpoint] = Self.endpoints.contains(batch.symbols[endpoint]) }
        guard validEndpoints[endpoint] == true else {
            return fail(.endpoint, Self.endpoints.sorted().joined(separator: ", "), Excerpt.quoted(batch.symbols[endpoint]))
        }
        if batch.promptTokens[i] < 0 { return fail(.promptTokens, "≥ 0", "\(batch.promptTokens[i])") }
        if batch.completionTokens[i] < 0 { return fail(.completionTokens, "≥ 0", "\(batch.completionTokens[i])") }
        if batch.maxTokens[i] < 0 { return fail(.maxTokens, "≥ 0", "\(batch.maxTokens[i])") }
        if !(0...2).contains(batch.temperatures[i]) { return fail(.temperature, "0 to 2", "\(batch.temperatures[i])") }
        if !(0...1).contains(batch.topPs[i]) { return fail(.topP, "0 to 1", "\(batch.topPs[i])") }
        if batch.completionCounts[i] < 1 { return fail(.n, "≥ 1", "\(batch.completionCounts[i])") }
        if !(0...20).contains(batch.topLogprobs[i]) { return fail(.topLogprobs, "0 to 20", "\(batch.topLogprobs[i])") }
        if batch.logitBiasEntries[i] < 0 { return fail(.logitBias, "≥ 0", "\(batch.logitBiasEntries[i])") }
        if batch.toolCounts[i] < 0 { return fail(.tools, "≥ 0", "\(batch.toolCounts[i])") }
        if !(100...599).contains(batch.statuses[i]) { return fail(.status, "an HTTP status (100 to 599)", "\(batch.statuses[i])") }
        if batch.latencies[i] < 0 { return fail(.latencyMs, "≥ 0", "\(batch.latencies[i])") }
        let prompt = batch.prompts.range(i)
        if prompt.count > 512 {
            let scalars = batch.prompts.bytes[prompt].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            if scalars > 512 { return fail(.prompt, "at most 512 characters", "\(scalars) characters") }
        }
        return nil
    }
}
