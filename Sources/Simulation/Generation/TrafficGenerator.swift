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
    let context: GenerationContext
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
        let session = session(threads: threads, batchSize: batchSize)
        let start = Double(scenario.start)
        // Progress is reported about a hundred times; the windows do not depend on it.
        let step = progress == nil ? Double(scenario.duration) : max(1, Double(scenario.duration) / 100)
        while !session.isFinished {
            try session.advance(until: session.time + step, flush: false, consume: consume)
            progress?(min(1, (session.time - start) / Double(scenario.duration)))
        }
        return session.produced
    }

    /// A session that generates this run window by window on demand, and takes enforcement
    /// actions between windows (DESIGN §7).
    ///
    /// - Parameter appealShare: chance that a genuine customer banned by mistake appeals.
    public func session(threads: Int = 1, batchSize: Int = 8_192, appealShare: Double = 0) -> GenerationSession {
        GenerationSession(generator: self, threads: threads, batchSize: batchSize, appealShare: appealShare)
    }

    func makeShards() -> [Shard] {
        let plans = population.plans
        let shardCount = max(1, min(64, plans.count / 512))
        var groups = [[AccountActor]](repeating: [], count: shardCount)
        for plan in plans where members?[Int(plan.rank)] ?? true {
            let runtime = population.runtimes[plan.runtime]
            groups[Int(plan.rank) % shardCount].append(AccountActor(plan: plan, runtime: runtime, scenarioEnd: scenario.end))
        }
        return groups.map(Shard.init(actors:))
    }
}
