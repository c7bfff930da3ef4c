import Dispatch
import GroundTruth
import HeapModule
import Randomness
import Traffic

/// Generates a scenario's traffic as a stream of time-ordered ``Traffic/RequestBatch``es.
///
/// Actors are split into a fixed number of shards (independent of the thread count). Time
/// advances in windows; in each window the shards produce and sort their requests in
/// parallel, then a heap merges the shards into trace order (time, account, id). Every actor
/// draws only from its own generator, so the output is the same for any number of threads,
/// and memory grows with accounts and one window's requests, not with the whole trace.
public struct TrafficGenerator: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    public let scale: Double
    private let population: Population
    private let context: GenerationContext

    /// Prepares a run: builds every account and its plan.
    ///
    /// - Parameters:
    ///   - seed: overrides the scenario's seed.
    ///   - scale: multiplies every population's account count.
    public init(scenario: Scenario, seed: UInt64? = nil, scale: Double = 1) {
        self.scenario = scenario
        self.seed = seed ?? scenario.seed
        self.scale = scale
        let synthesizer = PromptSynthesizer.shared
        population = PopulationBuilder(scenario: scenario, seed: self.seed, scale: scale, synthesizer: synthesizer).build()
        let symbols = population.symbols
        context = GenerationContext(
            models: ModelShelf(models: scenario.models, code: { symbols.code(for: $0) }),
            prompts: synthesizer, emptyCode: symbols.code(for: ""),
            requestKey: SeedKey(.identifiers, 1).derive(from: self.seed))
    }

    /// The account table, sorted by id.
    public var accounts: [Account] { population.accounts }

    /// The ground truth of the run.
    public var truth: GroundTruth { GroundTruth(accounts: population.truth, campaigns: []) }

    /// Symbol codes shared by every batch of the run.
    public var symbols: Interner { population.symbols }

    /// Account ids in rank order, shared by every batch of the run.
    public var accountNames: Interner { population.accountNames }

    /// Generates the whole trace, handing `consume` batches of at most `batchSize` requests in
    /// trace order.
    ///
    /// - Parameters:
    ///   - threads: worker threads for the shards (1 = the calling thread alone).
    ///   - progress: called after each window with the fraction of scenario time done.
    /// - Returns: the number of requests generated.
    @discardableResult
    public func run(
        threads: Int = 1, batchSize: Int = 8_192, progress: ((Double) -> Void)? = nil,
        consume: (RequestBatch) throws -> Void
    ) rethrows -> Int {
        let end = Double(scenario.end)
        let shards = makeShards()
        let runtimes = population.runtimes
        let context = self.context
        var batch = RequestBatch(symbols: population.symbols, accountNames: population.accountNames)
        batch.reserveCapacity(batchSize)
        var total = 0
        var windowStart = Double(scenario.start)
        var windowLength = 3_600_000.0

        while windowStart < end, shards.contains(where: { !$0.isFinished }) {
            let windowEnd = min(end, windowStart + windowLength)
            let workers = max(1, min(threads, shards.count))
            if workers == 1 {
                for shard in shards { shard.advance(until: windowEnd, scenarioEnd: end, runtimes: runtimes, context: context) }
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for index in stride(from: worker, to: shards.count, by: workers) {
                        shards[index].advance(until: windowEnd, scenarioEnd: end, runtimes: runtimes, context: context)
                    }
                }
            }
            let produced = try merge(shards, into: &batch, batchSize: batchSize, consume: consume)
            total += produced
            // Keep windows near half a million requests: bounded memory, little overhead.
            if produced > 1_000_000, windowLength > 60_000 { windowLength /= 2 }
            if produced < 250_000, windowLength < 7 * 86_400_000 { windowLength *= 2 }
            windowStart = windowEnd
            progress?(min(1, (windowStart - Double(scenario.start)) / Double(scenario.duration)))
        }
        if !batch.isEmpty { try consume(batch) }
        return total
    }

    private func makeShards() -> [Shard] {
        let plans = population.plans
        let shardCount = max(1, min(64, plans.count / 512))
        var groups = [[AccountActor]](repeating: [], count: shardCount)
        for plan in plans {
            let runtime = population.runtimes[plan.runtime]
            groups[Int(plan.rank) % shardCount].append(AccountActor(plan: plan, runtime: runtime, scenarioEnd: scenario.end))
        }
        return groups.map(Shard.init(actors:))
    }

    /// Merges the shards' sorted windows into `batch`, handing full batches to `consume`.
    private func merge(
        _ shards: [Shard], into batch: inout RequestBatch, batchSize: Int, consume: (RequestBatch) throws -> Void
    ) rethrows -> Int {
        struct Cursor: Comparable {
            var ts: Int64
            var rank: UInt32
            var id: UInt64
            var shard: Int32
            static func < (a: Cursor, b: Cursor) -> Bool { (a.ts, a.rank, a.id) < (b.ts, b.rank, b.id) }
        }
        var positions = [Int](repeating: 0, count: shards.count)
        func cursor(_ shard: Int) -> Cursor? {
            let order = shards[shard].order
            guard positions[shard] < order.count else { return nil }
            let row = shards[shard].buffer.rows[Int(order[positions[shard]])]
            return Cursor(ts: row.ts, rank: row.rank, id: row.idValue, shard: Int32(shard))
        }
        var heap = Heap(shards.indices.compactMap(cursor))
        var produced = 0
        while let next = heap.popMin() {
            let shard = Int(next.shard)
            let index = Int(shards[shard].order[positions[shard]])
            batch.append(pending: shards[shard].buffer.rows[index], prompt: shards[shard].buffer.prompts, at: index)
            produced += 1
            if batch.count == batchSize {
                try consume(batch)
                batch.removeAll()
            }
            positions[shard] += 1
            if let following = cursor(shard) { heap.insert(following) }
        }
        return produced
    }
}

extension RequestBatch {
    /// Appends a generated request, its prompt taken from `prompts[index]`.
    mutating func append(pending row: PendingRequest, prompt prompts: TextColumn, at index: Int) {
        ids.appendPartial(RequestBatch.requestPrefix)
        ids.appendHex(row.idValue)
        ids.finishValue()
        timestamps.append(row.ts)
        accounts.append(row.rank)
        keys.append(row.key)
        ips.append(row.ip)
        asns.append(row.asn)
        userAgents.append(row.userAgent)
        tlsFingerprints.append(row.tls)
        models.append(row.model)
        endpoints.append(row.endpoint)
        prompts.bytes.withUnsafeBufferPointer { bytes in
            self.prompts.append(utf8: UnsafeBufferPointer(rebasing: bytes[prompts.range(index)]))
        }
        systemPrompts.append(row.system)
        promptTokens.append(row.promptTokens)
        completionTokens.append(row.completionTokens)
        maxTokens.append(row.maxTokens)
        temperatures.append(row.temperature)
        topPs.append(row.topP)
        completionCounts.append(row.n)
        logprobs.append(row.logprobs)
        topLogprobs.append(row.topLogprobs)
        logitBiasEntries.append(row.logitBias)
        toolCounts.append(row.tools)
        streams.append(row.stream)
        statuses.append(row.status)
        latencies.append(row.latency)
    }

    private static let requestPrefix: [UInt8] = Array("req_".utf8)
}

extension TextColumn {
    /// Appends `value` as 16 lowercase hex digits to the value being built.
    mutating func appendHex(_ value: UInt64) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { digits in
            for shift in stride(from: 60, through: 0, by: -4) {
                appendPartial(byte: digits[Int((value >> UInt64(shift)) & 0xf)])
            }
        }
    }
}
