import Randomness
import Traffic

/// One account's independent request stream (DESIGN §3, "Actors"): an arrival process of
/// bursts on an ``ActivityClock`` and a content model, drawing only from its own generator.
///
/// The stream is a pure function of the account's plan and seed, so it does not matter which
/// shard, window or thread produces it.
struct AccountActor {
    let plan: AccountPlan
    let source: RandomSource
    private let clock: ActivityClock
    /// Time of the next request, ms; `.infinity` once the stream has ended.
    private(set) var nextTime: Double
    private var burstLeft = 0
    private var sequence: UInt64 = 0
    private var promptState: PromptState
    /// When the stream ends: the scenario's or the campaign's end, ms.
    private let end: Double

    init(plan: AccountPlan, runtime: PersonaRuntime, scenarioEnd: Int64) {
        self.plan = plan
        source = RandomSource(seed: plan.seed)
        promptState = PromptState(sweepSeed: plan.sweepSeed, sweepStart: plan.sweepStart)
        end = Double(min(scenarioEnd, plan.lastActive))
        let arrival = runtime.profile.arrival
        clock = ActivityClock(
            weekly: runtime.weekly, eventsPerDay: AccountActor.idleGapsPerDay(arrival, requestsPerDay: plan.requestsPerDay),
            utcOffsetHours: plan.utcOffsetHours, activeDayProbability: arrival.activeDayProbability,
            daySeed: plan.daySeed)
        nextTime = 0
        nextTime = nextBurst(after: Double(plan.firstActive), runtime: runtime, end: end)
    }

    /// The rate of the clock that spaces bursts: bursts per day, corrected for the time bursts
    /// themselves take (the next gap starts when a burst ends), so an account sends close to
    /// `requestsPerDay` even when its bursts are long.
    static func idleGapsPerDay(_ arrival: ArrivalModel, requestsPerDay: Double) -> Double {
        let burstsPerDay = requestsPerDay / arrival.burstSizeMean
        let gapSeconds = (1 - arrival.simultaneousShare) * arrival.intraBurstGapSeconds + arrival.simultaneousShare * 0.00045
        let burstDays = (arrival.burstSizeMean - 1) * gapSeconds / 86_400
        let cycleDays = 1 / burstsPerDay
        return 1 / max(0.1 * cycleDays, cycleDays - burstDays)
    }

    /// Appends every request of this account before `windowEnd` to `buffer`.
    mutating func emit(
        until windowEnd: Double, runtime: PersonaRuntime, context: GenerationContext, into buffer: inout ShardBuffer
    ) {
        let arrival = runtime.profile.arrival
        while nextTime < windowEnd {
            emitRequest(at: nextTime, runtime: runtime, context: context, into: &buffer)
            if burstLeft > 0 {
                burstLeft -= 1
                // Simultaneous requests share a millisecond (a batch); the next batch starts at
                // least 1 ms later, as in the fit of the code trace (AzureTrace.CodeArrivals).
                let gap =
                    source.chance(arrival.simultaneousShare)
                    ? source.uniform() * 0.9
                    : 1 + source.gamma(
                        shape: arrival.intraBurstGapShape,
                        scale: max(0, arrival.intraBurstGapSeconds * 1_000 - 1) / arrival.intraBurstGapShape)
                nextTime += gap
                if nextTime >= end { nextTime = .infinity }
            } else {
                nextTime = nextBurst(after: nextTime, runtime: runtime, end: end)
            }
        }
    }

    private mutating func nextBurst(after time: Double, runtime: PersonaRuntime, end: Double) -> Double {
        let arrival = runtime.profile.arrival
        let gap = source.gamma(shape: arrival.burstShape, scale: 1 / arrival.burstShape)
        let start = clock.advance(from: time, by: gap, limit: end)
        guard start < end else { return .infinity }
        burstLeft = arrival.burstSizeMean > 1 ? source.geometric(1 / arrival.burstSizeMean) - 1 : 0
        return start
    }

    // MARK: - Content

    private mutating func emitRequest(
        at time: Double, runtime: PersonaRuntime, context: GenerationContext, into buffer: inout ShardBuffer
    ) {
        let content = runtime.profile.content
        let ts = Int64(time.rounded(.down))
        var endpoint = runtime.endpoints.sample(source)
        var family = source.chance(0.8) ? runtime.families.values[plan.preferredFamily] : runtime.families.sample(source)
        if endpoint == .embeddings { family = .embedding }
        var model = context.models.model(family, at: time, adoptionDelay: plan.adoptionDelay)
        if model == nil, endpoint == .embeddings {
            endpoint = .chat
            family = runtime.families.values[plan.preferredFamily]
            model = context.models.model(family, at: time, adoptionDelay: plan.adoptionDelay)
        }

        let written = endpoint == .embeddings
            ? context.prompts.writePassage(style: runtime.prompts, state: &promptState, into: &buffer.prompts, source: source)
            : context.prompts.write(style: runtime.prompts, state: &promptState, into: &buffer.prompts, source: source)

        let system = plan.systemPrompts[source.index(below: plan.systemPrompts.count)]
        var promptTokens = runtime.promptTokens.sample(source, multiplier: plan.tokenMultiplier)
        promptTokens = max(promptTokens, Int32(clamping: written.tokens) + (system == context.emptyCode ? 0 : 24))

        let maxTokens: Int32 = source.chance(content.maxTokensUnsetShare) ? 0 : plan.maxTokens
        let n: Int32 = source.chance(content.multipleCompletionsShare) ? Int32(min(16, 1 + source.geometric(0.4))) : 1
        var completion: Int32 = 0
        if endpoint != .embeddings {
            completion = runtime.completionTokens.sample(source, multiplier: plan.tokenMultiplier)
            if maxTokens > 0 { completion = min(completion, maxTokens) }
            completion = Int32(clamping: Int(completion) * Int(n))
        }
        let logprobs = source.chance(content.logprobsShare)
        let status = drawStatus(content)
        if status != 200 { completion = 0 }

        let network = plan.networks.count == 1 || !source.chance(plan.networkRotation)
            ? plan.networks[0] : plan.networks[source.index(below: plan.networks.count)]
        let key = plan.keys.count == 1 || source.chance(0.7) ? plan.keys[0] : plan.keys[source.index(below: plan.keys.count)]

        buffer.rows.append(
            PendingRequest(
                ts: ts, rank: plan.rank, idValue: context.requestID(ordinal: plan.ordinal, sequence: sequence),
                key: key, ip: network.ip, asn: network.asn, userAgent: plan.userAgent, tls: plan.tlsFingerprint,
                model: model ?? context.emptyCode, endpoint: runtime.endpointCodes[endpoint.index], system: system,
                promptTokens: promptTokens, completionTokens: completion, maxTokens: maxTokens,
                temperature: source.chance(0.85) ? plan.temperature : runtime.temperatures.sample(source),
                topP: source.chance(content.topPShare) ? [0.8, 0.9, 0.95][source.index(below: 3)] : 1,
                n: n, topLogprobs: logprobs ? runtime.topLogprobs.sample(source) : 0,
                logitBias: source.chance(content.logitBiasShare)
                    ? Int32(clamping: max(1, source.poisson(mean: content.logitBiasEntriesMean))) : 0,
                tools: source.chance(content.toolsShare) ? Int32(clamping: max(1, source.poisson(mean: content.toolsMean))) : 0,
                status: status, latency: latency(status: status, family: family, prompt: promptTokens, completion: completion),
                logprobs: logprobs, stream: source.chance(content.streamShare), campaign: plan.campaign))
        sequence += 1
    }

    private func drawStatus(_ content: ContentModel) -> Int32 {
        let u = source.uniform()
        if u < content.rateLimitedShare { return 429 }
        if u < content.rateLimitedShare + content.badRequestShare { return 400 }
        if u < content.rateLimitedShare + content.badRequestShare + content.serverErrorShare {
            return source.chance(0.7) ? 500 : 503
        }
        return 200
    }

    /// Time to last byte: a log-normal time to first token growing with the prompt, then a
    /// per-token decode time by model family [Azure23: prefill and decode phases].
    private func latency(status: Int32, family: ModelFamily, prompt: Int32, completion: Int32) -> Int32 {
        guard status == 200 else { return Int32(5 + source.index(below: 80)) }
        let firstToken = source.lognormal(mu: log(250 + 0.05 * Double(prompt)), sigma: 0.35)
        let perToken: Double =
            switch family {
            case .small: 7
            case .large: 18
            case .reasoning: 25
            case .embedding: 0
            }
        return Int32(clamping: Int(firstToken + perToken * Double(completion) * source.lognormal(mu: 0, sigma: 0.15)))
    }
}

extension Endpoint {
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .chat: 0
        case .completions: 1
        case .responses: 2
        case .embeddings: 3
        case .batch: 4
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
