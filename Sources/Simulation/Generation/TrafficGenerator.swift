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
    let population: Population
    private let context: GenerationContext
    /// The accounts (by rank) whose requests are generated, or nil for all: a partition's
    /// (see ``partition(_:)``).
    var members: [Bool]? = nil

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
    public var truth: GroundTruth {
        GroundTruth(accounts: population.truth, campaigns: population.campaigns.sorted { $0.id < $1.id })
    }

    /// Campaign ids in scenario order: a ``LabelledBatch`` label `i` ≥ 0 means `campaignIDs[i]`.
    public var campaignIDs: [String] { population.campaigns.map(\.id) }

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
        try runLabelled(threads: threads, batchSize: batchSize, progress: progress) { try consume($0.requests) }
    }

    /// Like ``run(threads:batchSize:progress:consume:)``, with each batch's campaign labels.
    @discardableResult
    public func runLabelled(
        threads: Int = 1, batchSize: Int = 8_192, progress: ((Double) -> Void)? = nil,
        consume: (LabelledBatch) throws -> Void
    ) rethrows -> Int {
        let end = Double(scenario.end)
        let shards = makeShards()
        let runtimes = population.runtimes
        let context = self.context
        var batch = LabelledBatch(requests: RequestBatch(symbols: population.symbols, accountNames: population.accountNames))
        batch.requests.reserveCapacity(batchSize)
        batch.campaigns.reserveCapacity(batchSize)
        var total = 0
        var windowStart = Double(scenario.start)
        var windowLength = 3_600_000.0
        var merged = WindowMerge()

        while windowStart < end, shards.contains(where: { !$0.isFinished }) {
            let windowEnd = min(end, windowStart + windowLength)
            let workers = max(1, min(threads, shards.count))
            if workers == 1 {
                for shard in shards { shard.advance(until: windowEnd, runtimes: runtimes, context: context) }
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for index in stride(from: worker, to: shards.count, by: workers) {
                        shards[index].advance(until: windowEnd, runtimes: runtimes, context: context)
                    }
                }
            }
            let produced = try merge(shards, using: &merged, into: &batch, batchSize: batchSize, consume: consume)
            total += produced
            // Keep windows near 100,000 requests: bounded memory that stays warm in cache, and
            // little per-window overhead. (Window lengths never change the output.)
            if produced > 200_000, windowLength > 1_000 { windowLength /= 2 }
            if produced < 50_000, windowLength < 7 * 86_400_000 { windowLength *= 2 }
            windowStart = windowEnd
            progress?(min(1, (windowStart - Double(scenario.start)) / Double(scenario.duration)))
        }
        if !batch.requests.isEmpty { try consume(batch) }
        return total
    }

    private func makeShards() -> [Shard] {
        let plans = population.plans
        let shardCount = max(1, min(64, plans.count / 512))
        var groups = [[AccountActor]](repeating: [], count: shardCount)
        for plan in plans where members?[Int(plan.rank)] ?? true {
            let runtime = population.runtimes[plan.runtime]
            groups[Int(plan.rank) % shardCount].append(AccountActor(plan: plan, runtime: runtime, scenarioEnd: scenario.end))
        }
        return groups.map(Shard.init(actors:))
    }

    /// Merges the shards' sorted windows into `batch`, handing full batches to `consume`.
    private func merge(
        _ shards: [Shard], using merged: inout WindowMerge, into batch: inout LabelledBatch, batchSize: Int,
        consume: (LabelledBatch) throws -> Void
    ) rethrows -> Int {
        merged.merge(shards)
        var done = 0
        while done < merged.count {
            let take = min(batchSize - batch.requests.count, merged.count - done)
            merged.gather(done..<(done + take), into: &batch)
            done += take
            if batch.requests.count == batchSize {
                try consume(batch)
                batch.requests.removeAll()
                batch.campaigns.removeAll(keepingCapacity: true)
            }
        }
        return merged.count
    }
}

/// Generated requests and, kept apart, the campaign of each: ground truth for
/// `request_labels.csv`, never part of the trace a detector sees.
public struct LabelledBatch: Sendable {
    /// The requests, as a trace holds them.
    public var requests: RequestBatch
    /// `campaigns[i]` is the campaign index of request `i` (see
    /// ``TrafficGenerator/campaignIDs``), or -1 for genuine traffic.
    public var campaigns: [Int32] = []

    public init(requests: RequestBatch, campaigns: [Int32] = []) {
        self.requests = requests
        self.campaigns = campaigns
    }
}
