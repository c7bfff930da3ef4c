import Dispatch
import Traffic

/// A run of the generator pulled window by window (DESIGN §7). The coordinating layer of a
/// closed loop advances it to each decision point, acts on accounts in between (refuse,
/// throttle, degrade, reinstate), and the campaigns react, between windows, to what their
/// accounts saw. An open-loop run is a session nobody acts on.
///
/// Not thread-safe: one owner calls it; it spreads each window's shards over `threads`.
public final class GenerationSession {
    private let generator: TrafficGenerator
    private let shards: [Shard]
    /// Where each account's actors are: (shard, index in it), by rank.
    private var locations: [[(shard: Int, actor: Int)]] = []
    /// Enforcement by rank; empty until the first action.
    private var controls: [AccountControl] = []
    private var coordinators: [CampaignCoordinator]
    private var merged = WindowMerge()
    private var batch: LabelledBatch
    private var context: GenerationContext
    private let threads: Int
    private let batchSize: Int
    private var windowLength = 3_600_000.0
    /// Simulated time generated so far, ms: every request before it has been handed out.
    public private(set) var time: Double
    /// Requests generated so far.
    public private(set) var produced = 0
    /// What the campaigns did and suffered, in order.
    public private(set) var adaptations: [AdaptationRecord] = []
    /// Genuine customers who appealed a ban, not yet handed to ``takeAppeals()``.
    private var appeals: [(account: Int, time: Double)] = []

    init(generator: TrafficGenerator, threads: Int, batchSize: Int, appealShare: Double) {
        self.generator = generator
        self.threads = threads
        self.batchSize = batchSize
        shards = generator.makeShards()
        context = generator.context
        context.appealShare = appealShare
        coordinators = generator.population.campaignPlans.enumerated().map { CampaignCoordinator(index: $0, plan: $1) }
        batch = LabelledBatch(requests: RequestBatch(symbols: generator.symbols, accountNames: generator.accountNames))
        batch.requests.reserveCapacity(batchSize)
        batch.campaigns.reserveCapacity(batchSize)
        time = Double(generator.scenario.start)
    }

    /// Whether the scenario is over or every actor has ended (and no campaign can act again).
    public var isFinished: Bool {
        time >= Double(generator.scenario.end) || !shards.contains(where: { !$0.isFinished })
    }

    /// Generates every request before `until` (capped at the scenario's end), handing `consume`
    /// full batches and, if `flush` or the run is over, the partial one (then every request
    /// before `until` has been consumed when it returns). Window lengths never change the output.
    public func advance(until: Double, flush: Bool = true, consume: (LabelledBatch) throws -> Void) rethrows {
        let end = min(until, Double(generator.scenario.end))
        while time < end, !isFinished {
            let windowEnd = min(end, time + windowLength)
            generateWindow(until: windowEnd)
            let count = try mergeWindow(consume: consume)
            produced += count
            // Keep windows near 100,000 requests: bounded memory that stays warm in cache, and
            // little per-window overhead.
            if count > 200_000, windowLength > 1_000 { windowLength /= 2 }
            if count < 50_000, windowLength < 7 * 86_400_000 { windowLength *= 2 }
            time = windowEnd
            react(windowEnd: windowEnd)
        }
        if time < end { time = end }
        if flush || isFinished, !batch.requests.isEmpty {
            try consume(batch)
            batch.removeAll()
        }
    }

    // MARK: - Control surface

    /// Refuses account `account`'s requests from `time` on (a ban).
    public func refuse(account: Int, from time: Double) {
        control(account) { $0.refusedFrom = min($0.refusedFrom, time) }
    }

    /// Serves account `account` at most `perMinute` requests a minute from `time` on.
    public func throttle(account: Int, perMinute: Int, from time: Double) {
        control(account) {
            $0.perMinute = perMinute
            $0.throttledFrom = min($0.throttledFrom, time)
        }
    }

    /// Cuts account `account`'s completions short from `time` on.
    public func degrade(account: Int, from time: Double) {
        control(account) { $0.degradedFrom = min($0.degradedFrom, time) }
    }

    /// Lifts account `account`'s ban from `time` on (an appeal upheld).
    public func reinstate(account: Int, at time: Double) {
        control(account) { $0.reinstatedAt = min($0.reinstatedAt, time) }
    }

    /// The appeals made since the last call, in trace order.
    public func takeAppeals() -> [(account: Int, time: Double)] {
        defer { appeals.removeAll() }
        return appeals
    }

    private func control(_ account: Int, _ change: (inout AccountControl) -> Void) {
        if controls.isEmpty { controls = Array(repeating: AccountControl(), count: generator.accounts.count) }
        change(&controls[account])
    }

    // MARK: - Windows

    private func generateWindow(until windowEnd: Double) {
        let runtimes = generator.population.runtimes
        let context = self.context
        let controls = self.controls
        let workers = max(1, min(threads, shards.count))
        if workers == 1 {
            for shard in shards { shard.advance(until: windowEnd, runtimes: runtimes, controls: controls, context: context) }
        } else {
            let shards = self.shards
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: shards.count, by: workers) {
                    shards[index].advance(until: windowEnd, runtimes: runtimes, controls: controls, context: context)
                }
            }
        }
    }

    /// Merges the shards' sorted windows into `batch`, handing full batches to `consume`.
    private func mergeWindow(consume: (LabelledBatch) throws -> Void) rethrows -> Int {
        merged.merge(shards)
        var done = 0
        while done < merged.count {
            let take = min(batchSize - batch.requests.count, merged.count - done)
            merged.gather(done..<(done + take), into: &batch)
            done += take
            if batch.requests.count == batchSize {
                try consume(batch)
                batch.removeAll()
            }
        }
        return merged.count
    }

    /// Hands the window's events to the campaigns, in trace order, and applies their reactions.
    private func react(windowEnd: Double) {
        guard shards.contains(where: { !$0.buffer.events.isEmpty }) else { return }
        var events = shards.flatMap(\.buffer.events)
        events.sort()
        var byCampaign = [[ActorEvent]](repeating: [], count: coordinators.count)
        for event in events {
            if event.kind == .appealed {
                appeals.append((Int(event.rank), event.time))
            } else if event.campaign >= 0, Int(event.campaign) < coordinators.count {
                byCampaign[Int(event.campaign)].append(event)
            }
        }
        for index in coordinators.indices where !byCampaign[index].isEmpty {
            let (reactions, records) = coordinators[index].react(to: byCampaign[index], windowEnd: windowEnd)
            adaptations += records
            for reaction in reactions { apply(reaction) }
        }
    }

    private func apply(_ reaction: CampaignCoordinator.Reaction) {
        if locations.isEmpty { locate() }
        let runtimes = generator.population.runtimes
        switch reaction {
        case .activate(let reserve, let time, let quota, let runtime, let reusing):
            let wire = reusing.flatMap { rank in locations[Int(rank)].first.map { shards[$0.shard].actor($0.actor).wire } }
            for place in locations[Int(reserve)] {
                shards[place.shard].update(place.actor) { actor in
                    let index = runtime ?? actor.runtimeIndex
                    actor.activate(at: time, quota: quota, runtime: runtimes[index], runtimeIndex: index, wire: wire)
                }
            }
        case .slowDown(let accounts, let time, let factor):
            for rank in accounts {
                for place in locations[Int(rank)] { shards[place.shard].update(place.actor) { $0.slowDown(at: time, factor: factor) } }
            }
        case .rotate(let accounts):
            for rank in accounts {
                for place in locations[Int(rank)] { shards[place.shard].update(place.actor) { $0.rotate() } }
            }
        }
    }

    /// Maps every rank to its actors.
    private func locate() {
        locations = Array(repeating: [], count: generator.accounts.count)
        for (shardIndex, shard) in shards.enumerated() {
            for index in 0..<shard.count {
                locations[Int(shard.actor(index).plan.rank)].append((shardIndex, index))
            }
        }
    }
}
