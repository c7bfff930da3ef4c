import Foundation
import Traffic

/// Per-account features of a trace for the leakage audit (DESIGN §3), computed in one streaming
/// pass over its ``RequestBatch``es with memory proportional to the number of accounts, not of
/// requests.
///
/// Feed the batches in trace order with ``add(_:)``, then call ``table()``. Every account of the
/// account table gets every feature; an account that sent no request gets zero counts, shares
/// and means, and the category `(no requests)` for request fields.
///
/// Features (names are stable; "share" = share of the account's requests):
///
/// - **Account table.** `tier`, `country`, `email_domain`, `org`, `payment`, `signup_ip`
///   (categorical: the value); `created` (ms); `org.size`, `payment.sharing`,
///   `signup_ip.sharing`: accounts of the table with the same non-empty value, itself included
///   (1 for an empty value).
/// - **Request fields** `ip`, `asn`, `ua`, `tls`, `model`, `endpoint`, `system` (categorical):
///   the account's modal value — the most frequent; among equally frequent ones the smallest
///   symbol code (for `asn` the smallest number), i.e. the first interned. `key.distinct`,
///   `ip.distinct`, … `system.distinct`: the number of distinct values. Both are exact up to 64
///   distinct values per account and field; later new values are not counted (the count
///   saturates at 64, the mode is the mode of the first 64 distinct values).
/// - **Volume and time.** `requests`; `active_days`, `active_hours`: distinct UTC calendar days
///   and clock hours with a request; `requests_per_active_day`; `first_request.offset_hours`:
///   first request − trace start (accounts without requests: trace end − trace start);
///   `active_span_hours`: last − first request; `account_age_days`: first request − `created`
///   (accounts without requests: trace end − `created`); `interarrival.cv`: population standard
///   deviation over mean of the gaps between the account's consecutive requests (0 with no gap
///   or a zero mean); `interarrival.burst_share`: share of those gaps ≤ 1 ms (0 with no gap);
///   `hour_of_day.entropy`: Shannon entropy in bits of the UTC hour of day of the requests
///   (0 … log₂ 24).
/// - **Tokens.** `prompt_tokens.mean`, `prompt_tokens.sum`, `completion_tokens.mean`,
///   `completion_tokens.sum`, `max_tokens.mean` (0 = not set counts as 0),
///   `max_tokens.one_share` (`max_tokens` = 1).
/// - **Sampling.** `temperature.mean`, `temperature.zero_share`, `top_p.not_one_share`,
///   `n.mean`, `n.multiple_share` (n > 1), `logprobs.share`, `top_logprobs.mean`,
///   `top_logprobs.max_share` (= 20), `logit_bias.share` (> 0 entries), `tools.mean`,
///   `stream.share`.
/// - **Outcome.** `status.429_share`, `status.4xx_share` (400–499, 429 included),
///   `status.5xx_share`, `latency_ms.mean`.
/// - **Prompts.** `prompt.chars_mean` (Unicode scalars); `prompt.duplicate_share`: share of
///   prompts that repeat, byte for byte, an earlier prompt of the same account;
///   `prompt.distinct`: distinct prompts. Both exact up to 256 distinct prompts per account,
///   estimated beyond by adaptive hash sampling (see ``PromptSample``).
/// - **Prompt text and sequence** (``PromptSequenceFeatures``): `prompt.chars_cv`,
///   `prompt.reasoning_share`, `prompt.opening_distinct_rate`, `prompt.near_duplicate_share`,
///   `prompt.step_similarity_mean`, `prompt.step_disjoint_share`, `prompt.cjk_share`,
///   `prompt.kana_share`, `prompt.language` (categorical), `prompt.language_entropy`: read from
///   the prompt text alone, with a fixed-size state per account.
///
/// Trace start and end default to the first and last request seen (a manifest's `start` and
/// `end` may be given instead); times are the trace's Unix epoch milliseconds. Gaps and active
/// days assume the requests of each account arrive in time order, as trace files guarantee.
public struct AccountFeatures: Sendable {
    /// The category of request fields for an account without requests.
    public static let noRequests = "(no requests)"

    /// The names of every feature, in ``FeatureTable/features`` order.
    public static let featureNames: [String] =
        (try? AccountFeatures(accounts: []).table().features.map(\.name)) ?? []

    /// The account table, in order.
    public let accounts: [Account]
    private let traceStart: Int64?
    private let traceEnd: Int64?
    private let tableIndex: [String: Int32]

    // MARK: Tables of the batches

    private var symbols: Interner?
    private var accountNames: Interner?
    /// Batch account code → index in ``accounts`` (-1: not in the table).
    private var accountOfCode: [Int32] = []
    /// Table index of each request of the batch being added (reused scratch).
    private var rows: [Int32] = []
    private var firstSeen = Int64.max
    private var lastSeen = Int64.min

    // MARK: Per-account accumulators, indexed by table index

    /// Everything summed for one account, kept together: a request updates one record (a few
    /// cache lines) instead of one line in each of dozens of per-field arrays.
    private struct Totals {
        var requests: UInt32 = 0
        var activeDays: UInt32 = 0
        var activeHours: UInt32 = 0
        var burstGaps: UInt32 = 0
        var firstTime: Int64 = 0
        var lastTime: Int64 = 0
        /// Running mean and sum of squared deviations of the gaps (Welford, Technometrics 4(3), 1962).
        var gapMean = 0.0
        var gapM2 = 0.0
        var promptTokens = 0
        var completionTokens = 0
        var maxTokens = 0
        var completionCount = 0
        var topLogprobs = 0
        var tools = 0
        var latency = 0
        var promptCharacters = 0
        var temperature = 0.0
        var maxTokensOne: UInt32 = 0
        var temperatureZero: UInt32 = 0
        var topPNotOne: UInt32 = 0
        var multipleCompletions: UInt32 = 0
        var logprobs: UInt32 = 0
        var topLogprobsMax: UInt32 = 0
        var logitBias: UInt32 = 0
        var stream: UInt32 = 0
        var status429: UInt32 = 0
        var status4xx: UInt32 = 0
        var status5xx: UInt32 = 0
    }

    /// The values one account used in each categorical field, and its prompts.
    private struct FieldValues {
        var keys = ValueCounter()
        var ips = ValueCounter()
        var asns = ValueCounter()
        var userAgents = ValueCounter()
        var tlsFingerprints = ValueCounter()
        var models = ValueCounter()
        var endpoints = ValueCounter()
        var systemPrompts = ValueCounter()
        var prompts = PromptSample()
    }

    private var totals: [Totals]
    private var values: [FieldValues]
    /// Text and sequence features of the prompts.
    private var text: PromptSequenceFeatures
    /// 24 counters per account: requests by UTC hour of day.
    private var hourCounts: [UInt32]

    /// Starts an empty pass over the account table `accounts`.
    ///
    /// - Parameters:
    ///   - traceStart: the trace's start (a manifest's `start`); default: the first request.
    ///   - traceEnd: the trace's end (a manifest's `end`); default: the last request.
    /// - Throws: ``AccountFeatureError/duplicateAccount(_:)`` if an id appears twice.
    public init(accounts: [Account], traceStart: Int64? = nil, traceEnd: Int64? = nil) throws(AccountFeatureError) {
        var index: [String: Int32] = [:]
        index.reserveCapacity(accounts.count)
        for (position, account) in accounts.enumerated() {
            guard index.updateValue(Int32(position), forKey: account.id) == nil else {
                throw .duplicateAccount(account.id)
            }
        }
        self.accounts = accounts
        self.traceStart = traceStart
        self.traceEnd = traceEnd
        tableIndex = index
        totals = [Totals](repeating: Totals(), count: accounts.count)
        values = [FieldValues](repeating: FieldValues(), count: accounts.count)
        hourCounts = [UInt32](repeating: 0, count: 24 * accounts.count)
        text = PromptSequenceFeatures(accounts: accounts.count)
    }

    /// The features of the accounts of `accounts` over `batches` (in trace order).
    public static func compute(
        accounts: [Account], batches: some Sequence<RequestBatch>, traceStart: Int64? = nil, traceEnd: Int64? = nil
    ) throws(AccountFeatureError) -> FeatureTable {
        var features = try AccountFeatures(accounts: accounts, traceStart: traceStart, traceEnd: traceEnd)
        for batch in batches { try features.add(batch) }
        return features.table()
    }

    // MARK: - Accumulating

    /// Adds the requests of `batch`, which follows the batches added before in trace order.
    ///
    /// - Throws: ``AccountFeatureError/unknownAccount(_:)`` for a request of an account outside the
    ///   table; ``AccountFeatureError/mixedTables`` if the batch's symbol or account table differs from
    ///   the earlier batches'. Nothing is added then.
    public mutating func add(_ batch: RequestBatch) throws(AccountFeatureError) {
        guard !batch.isEmpty else { return }
        try bindTables(of: batch)
        try mapAccounts(of: batch)
        firstSeen = min(firstSeen, batch.timestamps[0])
        lastSeen = max(lastSeen, batch.timestamps[batch.count - 1])
        addTotals(batch)
        addValues(batch)
        rows.withUnsafeBufferPointer { text.add(batch, rows: $0) }
    }

    private mutating func bindTables(of batch: RequestBatch) throws(AccountFeatureError) {
        if let symbols, let accountNames {
            guard symbols === batch.symbols, accountNames === batch.accountNames else { throw .mixedTables }
        } else {
            symbols = batch.symbols
            accountNames = batch.accountNames
        }
        let known = batch.accountNames.count
        if accountOfCode.count < known {
            for name in batch.accountNames.strings(from: accountOfCode.count) {
                accountOfCode.append(tableIndex[name] ?? -1)
            }
        }
    }

    /// Fills ``rows`` with the table index of each request of `batch`.
    private mutating func mapAccounts(of batch: RequestBatch) throws(AccountFeatureError) {
        if rows.count != batch.count { rows = [Int32](repeating: 0, count: batch.count) }
        var unknown: UInt32?
        accountOfCode.withUnsafeBufferPointer { map in
            batch.accounts.withUnsafeBufferPointer { codes in
                rows.withUnsafeMutableBufferPointer { rows in
                    for i in 0..<codes.count {
                        let row = map[Int(codes[i])]
                        if row < 0 { unknown = codes[i] }
                        rows[i] = row
                    }
                }
            }
        }
        if let unknown { throw .unknownAccount(batch.accountNames[unknown]) }
    }

    /// Counts, sums and timing: one pass over the rows, reading the columns in order.
    private mutating func addTotals(_ batch: RequestBatch) {
        let hour: Int64 = 3_600_000
        let day: Int64 = 86_400_000
        rows.withUnsafeBufferPointer { rows in
            totals.withUnsafeMutableBufferPointer { totals in
                hourCounts.withUnsafeMutableBufferPointer { hourCounts in
                    for i in 0..<rows.count {
                        let a = Int(rows[i])
                        let time = batch.timestamps[i]
                        let hours = floorDivide(time, hour)
                        let n = totals[a].requests &+ 1
                        totals[a].requests = n
                        if n == 1 {
                            totals[a].firstTime = time
                            totals[a].activeDays = 1
                            totals[a].activeHours = 1
                        } else {
                            let previous = totals[a].lastTime
                            let gap = Double(time &- previous)
                            let delta = gap - totals[a].gapMean
                            totals[a].gapMean += delta / Double(n &- 1)
                            totals[a].gapM2 += delta * (gap - totals[a].gapMean)
                            if time &- previous <= 1 { totals[a].burstGaps &+= 1 }
                            if floorDivide(time, day) != floorDivide(previous, day) { totals[a].activeDays &+= 1 }
                            if hours != floorDivide(previous, hour) { totals[a].activeHours &+= 1 }
                        }
                        totals[a].lastTime = time
                        hourCounts[24 &* a &+ Int(hours &- floorDivide(hours, 24) &* 24)] &+= 1

                        let maxTokens = batch.maxTokens[i]
                        let temperature = batch.temperatures[i]
                        let completions = batch.completionCounts[i]
                        let topLogprobs = batch.topLogprobs[i]
                        let status = batch.statuses[i]
                        totals[a].promptTokens &+= Int(batch.promptTokens[i])
                        totals[a].completionTokens &+= Int(batch.completionTokens[i])
                        totals[a].maxTokens &+= Int(maxTokens)
                        totals[a].maxTokensOne &+= maxTokens == 1 ? 1 : 0
                        totals[a].temperature += temperature
                        totals[a].temperatureZero &+= temperature == 0 ? 1 : 0
                        totals[a].topPNotOne &+= batch.topPs[i] != 1 ? 1 : 0
                        totals[a].completionCount &+= Int(completions)
                        totals[a].multipleCompletions &+= completions > 1 ? 1 : 0
                        totals[a].logprobs &+= batch.logprobs[i] ? 1 : 0
                        totals[a].topLogprobs &+= Int(topLogprobs)
                        totals[a].topLogprobsMax &+= topLogprobs == 20 ? 1 : 0
                        totals[a].logitBias &+= batch.logitBiasEntries[i] > 0 ? 1 : 0
                        totals[a].tools &+= Int(batch.toolCounts[i])
                        totals[a].stream &+= batch.streams[i] ? 1 : 0
                        totals[a].status429 &+= status == 429 ? 1 : 0
                        totals[a].status4xx &+= (400...499).contains(status) ? 1 : 0
                        totals[a].status5xx &+= (500...599).contains(status) ? 1 : 0
                        totals[a].latency &+= Int(batch.latencies[i])
                    }
                }
            }
        }
    }

    /// Categorical values and prompts: one pass over the rows.
    private mutating func addValues(_ batch: RequestBatch) {
        rows.withUnsafeBufferPointer { rows in
            batch.prompts.ends.withUnsafeBufferPointer { ends in
                batch.prompts.bytes.withUnsafeBytes { bytes in
                    totals.withUnsafeMutableBufferPointer { totals in
                        values.withUnsafeMutableBufferPointer { values in
                            var start = 0
                            for i in 0..<rows.count {
                                let a = Int(rows[i])
                                values[a].keys.add(batch.keys[i])
                                values[a].ips.add(batch.ips[i])
                                values[a].asns.add(batch.asns[i])
                                values[a].userAgents.add(batch.userAgents[i])
                                values[a].tlsFingerprints.add(batch.tlsFingerprints[i])
                                values[a].models.add(batch.models[i])
                                values[a].endpoints.add(batch.endpoints[i])
                                values[a].systemPrompts.add(batch.systemPrompts[i])
                                let end = Int(ends[i])
                                let digest = PromptSample.digest(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                                start = end
                                totals[a].promptCharacters &+= digest.scalars
                                values[a].prompts.add(digest.hash)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - The table

    /// The features of every account over the requests added so far.
    public func table() -> FeatureTable {
        let count = accounts.count
        let requests = totals.map(\.requests)
        let start = traceStart ?? (firstSeen == .max ? 0 : firstSeen)
        let end = traceEnd ?? (lastSeen == .min ? start : lastSeen)
        var features: [Feature] = []
        func numeric(_ name: String, _ value: (Int) -> Double) {
            features.append(Feature(name: name, values: .numeric((0..<count).map(value))))
        }
        func categorical(_ name: String, _ value: (Int) -> String) {
            features.append(Feature.categorical(name, values: (0..<count).map(value)))
        }
        /// A total per account divided by its requests (0 without requests).
        func perRequest(_ name: String, _ total: (Int) -> Double) {
            numeric(name) { a in requests[a] == 0 ? 0 : total(a) / Double(requests[a]) }
        }
        let msPerHour = 3_600_000.0
        let msPerDay = 86_400_000.0

        // Account table.
        categorical("tier") { accounts[$0].tier.rawValue }
        categorical("country") { accounts[$0].country }
        categorical("email_domain") { accounts[$0].emailDomain }
        categorical("org") { accounts[$0].org }
        categorical("payment") { accounts[$0].payment }
        categorical("signup_ip") { accounts[$0].signupIP }
        numeric("created") { Double(accounts[$0].created) }
        let shared: [(String, KeyPath<Account, String>)] = [
            ("org.size", \.org), ("payment.sharing", \.payment), ("signup_ip.sharing", \.signupIP),
        ]
        for (name, field) in shared {
            let sizes = Dictionary(accounts.lazy.map { ($0[keyPath: field], 1) }, uniquingKeysWith: +)
            numeric(name) { accounts[$0][keyPath: field].isEmpty ? 1 : Double(sizes[accounts[$0][keyPath: field]] ?? 1) }
        }

        // Request fields: modal value and distinct values.
        let symbolStrings = symbols.map { Array($0.strings(from: 0)) } ?? []
        numeric("key.distinct") { Double(values[$0].keys.distinct) }
        let symbol: (UInt32) -> String = { symbolStrings[Int($0)] }
        let fields: [(String, KeyPath<FieldValues, ValueCounter>, (UInt32) -> String)] = [
            ("ip", \.ips, symbol), ("asn", \.asns, { String($0) }), ("ua", \.userAgents, symbol),
            ("tls", \.tlsFingerprints, symbol), ("model", \.models, symbol), ("endpoint", \.endpoints, symbol),
            ("system", \.systemPrompts, symbol),
        ]
        for (name, field, text) in fields {
            let counters = values.map { $0[keyPath: field] }
            features.append(Self.modal(name, counters, text))
            numeric(name + ".distinct") { Double(counters[$0].distinct) }
        }

        // Volume and time.
        numeric("requests") { Double(requests[$0]) }
        numeric("active_days") { Double(totals[$0].activeDays) }
        numeric("active_hours") { Double(totals[$0].activeHours) }
        numeric("requests_per_active_day") {
            totals[$0].activeDays == 0 ? 0 : Double(requests[$0]) / Double(totals[$0].activeDays)
        }
        numeric("first_request.offset_hours") {
            Double((requests[$0] == 0 ? end : totals[$0].firstTime) - start) / msPerHour
        }
        numeric("active_span_hours") {
            requests[$0] == 0 ? 0 : Double(totals[$0].lastTime - totals[$0].firstTime) / msPerHour
        }
        numeric("account_age_days") {
            Double((requests[$0] == 0 ? end : totals[$0].firstTime) - accounts[$0].created) / msPerDay
        }
        numeric("interarrival.cv") { a in
            let gaps = Double(requests[a]) - 1
            guard gaps >= 1, totals[a].gapMean > 0 else { return 0 }
            return (max(totals[a].gapM2, 0) / gaps).squareRoot() / totals[a].gapMean
        }
        numeric("interarrival.burst_share") {
            requests[$0] < 2 ? 0 : Double(totals[$0].burstGaps) / Double(requests[$0] - 1)
        }
        numeric("hour_of_day.entropy") { a in
            guard requests[a] > 0 else { return 0 }
            let total = Double(requests[a])
            var entropy = 0.0
            for hour in 0..<24 where hourCounts[24 * a + hour] > 0 {
                let p = Double(hourCounts[24 * a + hour]) / total
                entropy -= p * log2(p)
            }
            return max(entropy, 0)
        }

        // Tokens.
        perRequest("prompt_tokens.mean") { Double(totals[$0].promptTokens) }
        numeric("prompt_tokens.sum") { Double(totals[$0].promptTokens) }
        perRequest("completion_tokens.mean") { Double(totals[$0].completionTokens) }
        numeric("completion_tokens.sum") { Double(totals[$0].completionTokens) }
        perRequest("max_tokens.mean") { Double(totals[$0].maxTokens) }
        perRequest("max_tokens.one_share") { Double(totals[$0].maxTokensOne) }

        // Sampling.
        perRequest("temperature.mean") { totals[$0].temperature }
        perRequest("temperature.zero_share") { Double(totals[$0].temperatureZero) }
        perRequest("top_p.not_one_share") { Double(totals[$0].topPNotOne) }
        perRequest("n.mean") { Double(totals[$0].completionCount) }
        perRequest("n.multiple_share") { Double(totals[$0].multipleCompletions) }
        perRequest("logprobs.share") { Double(totals[$0].logprobs) }
        perRequest("top_logprobs.mean") { Double(totals[$0].topLogprobs) }
        perRequest("top_logprobs.max_share") { Double(totals[$0].topLogprobsMax) }
        perRequest("logit_bias.share") { Double(totals[$0].logitBias) }
        perRequest("tools.mean") { Double(totals[$0].tools) }
        perRequest("stream.share") { Double(totals[$0].stream) }

        // Outcome.
        perRequest("status.429_share") { Double(totals[$0].status429) }
        perRequest("status.4xx_share") { Double(totals[$0].status4xx) }
        perRequest("status.5xx_share") { Double(totals[$0].status5xx) }
        perRequest("latency_ms.mean") { Double(totals[$0].latency) }

        // Prompts.
        perRequest("prompt.chars_mean") { Double(totals[$0].promptCharacters) }
        numeric("prompt.duplicate_share") { values[$0].prompts.duplicateShare }
        numeric("prompt.distinct") { values[$0].prompts.distinct }
        features += text.features(noRequests: Self.noRequests)

        return FeatureTable(accounts: accounts.map(\.id), features: features)
    }

    /// The modal value of each account as a categorical feature (``noRequests`` without one).
    private static func modal(_ name: String, _ counters: [ValueCounter], _ text: (UInt32) -> String) -> Feature {
        var index: [UInt32: UInt32] = [:]
        var categories: [String] = []
        var none: UInt32?
        let codes = counters.map { counter -> UInt32 in
            guard let mode = counter.mode else {
                if let none { return none }
                none = UInt32(categories.count)
                categories.append(noRequests)
                return none!
            }
            if let code = index[mode] { return code }
            let code = UInt32(categories.count)
            index[mode] = code
            categories.append(text(mode))
            return code
        }
        return Feature(name: name, values: .categorical(codes: codes, categories: categories))
    }
}

/// ⌊a / b⌋ for b > 0 (timestamps before 1970 are negative).
@inline(__always)
private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b < 0) ? q - 1 : q
}
