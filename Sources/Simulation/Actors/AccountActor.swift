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
    private var clock: ActivityClock
    /// Time of the next request, ms; `.infinity` once the stream has ended.
    private(set) var nextTime: Double
    private var burstLeft = 0
    /// Requests sent (request ids count them).
    private var sequence: UInt64 = 0
    /// Requests that count against the quota: all but those enforcement refused or throttled.
    private var sent = 0
    private var promptState: PromptState
    /// When the stream ends: the scenario's or the campaign's end, ms (a slowed-down campaign
    /// stretches it).
    private var end: Double
    private let scenarioEnd: Double
    /// Its persona or tactic (a campaign that switches tactic changes its replacements').
    private(set) var runtimeIndex: Int
    /// Requests a campaign account sends in all, or nil for genuine traffic.
    private var quota: Int?
    /// Where its requests come from on the wire (rotation changes it).
    private(set) var wire: WireIdentity
    /// Its habits; a replacement that switched tactic draws them afresh from the new one.
    private var habits: AccountHabits
    private var preferredFamily: Int
    private var temperature: Double
    private var maxTokens: Int32
    /// The ban whose first refusal the account has noticed (`.infinity`: none).
    private var noticedBan = Double.infinity
    /// The minute of the last request under a throttle, and the requests served in it.
    private var throttleMinute: Int64 = -1
    private var servedThisMinute = 0
    /// When it last told its campaign it was throttled.
    private var throttleNoticed = -Double.infinity
    /// A throttle to report with the request being emitted.
    private var pendingThrottle: Double?

    init(plan: AccountPlan, runtime: PersonaRuntime, scenarioEnd: Int64) {
        self.plan = plan
        source = RandomSource(seed: plan.seed)
        promptState = PromptState(sweepSeed: plan.sweepSeed, sweepStart: plan.sweepStart, entitySeed: plan.entitySeed)
        self.scenarioEnd = Double(scenarioEnd)
        end = Double(min(scenarioEnd, plan.lastActive))
        runtimeIndex = plan.runtime
        quota = plan.quota
        wire = plan.wire
        habits = plan.habits
        preferredFamily = plan.preferredFamily
        temperature = plan.temperature
        maxTokens = plan.maxTokens
        clock = ActivityClock(
            weekly: runtime.weekly, eventsPerDay: 1, utcOffsetHours: plan.utcOffsetHours, activeDayProbability: 1, daySeed: plan.daySeed)
        nextTime = .infinity
        if !plan.dormant { start(at: Double(plan.firstActive), runtime: runtime) }
    }

    /// Sets up the arrival clock and schedules the first burst at or after `start`.
    private mutating func start(at start: Double, runtime: PersonaRuntime) {
        let arrival = runtime.profile.arrival
        var activeDayProbability = arrival.activeDayProbability
        if quota != nil {
            // A campaign account paces its quota over the days it is actually active (a
            // synchronized campaign shares its idle days, so the budget must not depend on how
            // many fall in the span; `scheduleBurst` sets the pace); one whose span holds no
            // active hour works through it.
            let unit = ActivityClock(
                weekly: runtime.weekly, eventsPerDay: 1, utcOffsetHours: plan.utcOffsetHours,
                activeDayProbability: activeDayProbability, daySeed: plan.daySeed)
            if unit.expectedEvents(from: start, to: end) < 1.0 / 24 { activeDayProbability = 1 }
        }
        clock = ActivityClock(
            weekly: runtime.weekly, eventsPerDay: AccountActor.idleGapsPerDay(arrival, requestsPerDay: plan.requestsPerDay),
            utcOffsetHours: plan.utcOffsetHours, activeDayProbability: activeDayProbability,
            daySeed: plan.daySeed,
            swing: RateSwing(sigma: arrival.rateSwingSigma, correlationMinutes: arrival.rateSwingMinutes))
        nextTime = 0
        nextTime = scheduleBurst(after: start, runtime: runtime)
    }

    // MARK: - Adaptation (DESIGN §7)

    /// Puts a stock account to work from `time`: it sends `quota` requests, with `runtime`
    /// (index `runtimeIndex`) and, if given, the wire identity of the account it replaces.
    mutating func activate(at time: Double, quota: Int, runtime: PersonaRuntime, runtimeIndex: Int, wire: WireIdentity?) {
        guard plan.dormant, nextTime == .infinity, sequence == 0 else { return }
        self.quota = quota
        if runtimeIndex != self.runtimeIndex {
            self.runtimeIndex = runtimeIndex
            habits = AccountHabits(runtime.profile.content, source: source)
            preferredFamily = runtime.families.values.firstIndex(of: runtime.families.sample(source)) ?? 0
            temperature = runtime.temperatures.sample(source)
            maxTokens = runtime.maxTokens.sample(source)
        }
        if let wire { self.wire = wire }
        // It aims at the campaign's planned end; put to work in the last hour of it or later,
        // it keeps going until the scenario ends (a campaign goes on until it has its budget).
        let begin = max(time, Double(plan.firstActive))
        end = begin < Double(plan.lastActive) - Self.lastHour ? Double(plan.lastActive) : scenarioEnd
        start(at: begin, runtime: runtime)
    }

    /// The last hour of a campaign's span, ms.
    static let lastHour = 3_600_000.0

    /// Cuts the pace after `time` to `factor` of the planned one by stretching what is left of
    /// the schedule, up to the scenario's end.
    mutating func slowDown(at time: Double, factor: Double) {
        guard nextTime.isFinite, end > time else { return }
        end = min(scenarioEnd, time + (end - time) / factor)
    }

    /// Moves to the fresh proxies and client drawn for it, if any.
    mutating func rotate() {
        if let rotated = plan.rotated { wire = rotated }
    }

    /// Campaign requests it still has to send.
    var quotaLeft: Int { max(0, (quota ?? 0) - sent) }

    /// Rate headroom of a campaign account over its quota: it plans to finish a little early
    /// and stops once the quota is spent, so the campaign lands on its budget [Assumption].
    static let quotaHeadroom = 1.15

    /// Sets a campaign account's rate to what is left of its quota over what is left of its
    /// active time, as a scripted harvester does between batches; genuine accounts keep theirs.
    private mutating func repace(from time: Double, arrival: ArrivalModel) {
        guard let quota else { return }
        let remaining = Double(quota) - Double(sent)
        let activeDays = clock.withRate(eventsPerDay: 1).expectedEvents(from: time, to: end)
        guard remaining > 0, activeDays > 1e-9 else { return }
        clock = clock.withRate(
            eventsPerDay: Self.idleGapsPerDay(arrival, requestsPerDay: remaining * Self.quotaHeadroom / activeDays))
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

    /// Appends every request of this account before `windowEnd` to `buffer`, applying
    /// `control`; what the account saw of enforcement goes to `buffer.events`.
    mutating func emit(
        until windowEnd: Double, runtime: PersonaRuntime, control: AccountControl, context: GenerationContext,
        into buffer: inout ShardBuffer
    ) {
        let arrival = runtime.profile.arrival
        while nextTime < windowEnd {
            let time = nextTime
            emitRequest(at: time, runtime: runtime, control: control, context: context, into: &buffer)
            if control.refuses(at: time), control.refusedFrom != noticedBan {
                noticedBan = control.refusedFrom
                buffer.events.append(ActorEvent(time: time, rank: plan.rank, kind: .refused, campaign: plan.campaign, quotaLeft: quotaLeft))
                if plan.campaign >= 0 {
                    // A harvesting script retires a refused key; its campaign decides what next.
                    nextTime = .infinity
                    return
                }
                // The appeal coin is the account's own but apart from its request stream.
                if RandomSource(seed: plan.seed ^ 0xa99e_a15e_0000_0000 ^ UInt64(sequence)).chance(context.appealShare) {
                    buffer.events.append(ActorEvent(time: time, rank: plan.rank, kind: .appealed, campaign: -1, quotaLeft: 0))
                }
            }
            if let quota, sent >= quota {
                nextTime = .infinity
                return
            }
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
                nextTime = scheduleBurst(after: nextTime, runtime: runtime)
            }
        }
    }

    /// The start of the next burst after `time`, or `.infinity` if none comes before the end.
    private mutating func scheduleBurst(after time: Double, runtime: PersonaRuntime) -> Double {
        let arrival = runtime.profile.arrival
        repace(from: time, arrival: arrival)
        let gap = source.gamma(shape: arrival.burstShape, scale: 1 / arrival.burstShape)
        let before = clock  // a swinging clock moves on as it advances
        let start = nextBurst(after: time, gap: gap, runtime: runtime, end: end)
        guard start == .infinity, let quota, sent < quota, time < end else { return start }
        clock = before
        // A harvesting script with quota left runs its next batch before its deadline: at a time
        // drawn uniformly in the operational time that remains. So every member acts at least
        // once, and a campaign lands on its budget even when it runs few, large batches.
        let within = source.uniform() * clock.expectedEvents(from: time, to: end)
        return nextBurst(after: time, gap: within, runtime: runtime, end: end)
    }

    /// The start of the burst `gap` operational-time units after `time` (drawing its size), or
    /// `.infinity` past `end`.
    private mutating func nextBurst(after time: Double, gap: Double, runtime: PersonaRuntime, end: Double) -> Double {
        let arrival = runtime.profile.arrival
        let start = clock.advance(from: time, by: gap, limit: end, source: source)
        guard start < end else { return .infinity }
        burstLeft = arrival.burstSizeMean > 1 ? source.geometric(1 / arrival.burstSizeMean) - 1 : 0
        return start
    }

    // MARK: - Content

    /// Draws the request at `time` and appends it, as enforcement lets it through.
    private mutating func emitRequest(
        at time: Double, runtime: PersonaRuntime, control: AccountControl, context: GenerationContext,
        into buffer: inout ShardBuffer
    ) {
        let content = runtime.profile.content
        let ts = Int64(time.rounded(.down))
        var endpoint = runtime.endpoints.sample(source)
        var family = source.chance(0.8) ? runtime.families.values[preferredFamily] : runtime.families.sample(source)
        if endpoint == .embeddings { family = .embedding }
        var model = context.models.model(family, at: time, adoptionDelay: plan.adoptionDelay)
        if model == nil, endpoint == .embeddings {
            endpoint = .chat
            family = runtime.families.values[preferredFamily]
            model = context.models.model(family, at: time, adoptionDelay: plan.adoptionDelay)
        }

        let written = endpoint == .embeddings
            ? context.prompts.writePassage(style: runtime.prompts, state: &promptState, into: &buffer.prompts, source: source)
            : context.prompts.write(style: runtime.prompts, state: &promptState, into: &buffer.prompts, source: source)

        let system = plan.systemPrompts[source.index(below: plan.systemPrompts.count)]
        let promptTokens = runtime.promptTokens.sample(visible: written.tokens, multiplier: plan.tokenMultiplier, source: source)
        let embedding = endpoint == .embeddings
        var sampling = embedding ? Sampling.embedding : drawSampling(runtime)
        var completion: Int32 = 0
        if !embedding {
            completion = runtime.completionTokens.sample(source, multiplier: plan.tokenMultiplier)
            if sampling.maxTokens > 0 { completion = min(completion, sampling.maxTokens) }
            completion = Int32(clamping: Int(completion) * Int(sampling.n))
        }
        var status = drawStatus(content)
        if status != 200 { completion = 0 }
        if embedding { sampling.stream = false }

        let network = wire.networks.count == 1 || !source.chance(plan.networkRotation)
            ? wire.networks[0] : wire.networks[source.index(below: wire.networks.count)]
        let key = plan.keys.count == 1 || source.chance(0.7) ? plan.keys[0] : plan.keys[source.index(below: plan.keys.count)]
        var latency = latency(status: status, family: family, prompt: promptTokens, completion: completion)
        let id = context.requestID(ordinal: plan.ordinal, sequence: sequence)

        // Enforcement changes what the request got, never what the account drew: its stream
        // goes on as it would have (a customer's software keeps calling).
        var withheld: Int32 = 0
        var refused = false
        if control.isActive {
            let served = completion
            (status, completion, withheld, refused) = enforce(control, at: time, status: status, completion: completion)
            if refused { latency = Int32(5 + id % 40) }  // a gateway's fast rejection
            else if completion < served { latency -= Int32(clamping: Int(Double(latency) * Double(served - completion) / Double(max(1, served)))) }
        }
        if !refused { sent += 1 }

        buffer.rows.append(
            PendingRequest(
                ts: ts, rank: plan.rank, idValue: id,
                key: key, ip: network.ip, asn: network.asn, userAgent: wire.userAgent, tls: wire.tlsFingerprint,
                model: model ?? context.emptyCode, endpoint: runtime.endpointCodes[endpoint.index], system: system,
                promptTokens: promptTokens, completionTokens: completion, maxTokens: sampling.maxTokens,
                temperature: sampling.temperature, topP: sampling.topP, n: sampling.n, topLogprobs: sampling.topLogprobs,
                logitBias: sampling.logitBias, tools: sampling.tools,
                status: status, latency: latency,
                logprobs: sampling.logprobs, stream: sampling.stream, campaign: plan.campaign, withheld: withheld, enforced: refused))
        sequence += 1
        if let throttled = pendingThrottle {
            buffer.events.append(ActorEvent(time: throttled, rank: plan.rank, kind: .throttled, campaign: plan.campaign, quotaLeft: quotaLeft))
            pendingThrottle = nil
        }
    }

    /// The request as enforcement lets it through: refused (403) during a ban, throttled (429)
    /// beyond the per-minute limit, or cut short when degraded. `withheld` is the completion
    /// tokens not served; `refused` whether it does not count against a campaign's quota (its
    /// script will ask again).
    private mutating func enforce(
        _ control: AccountControl, at time: Double, status: Int32, completion: Int32
    ) -> (status: Int32, completion: Int32, withheld: Int32, refused: Bool) {
        if control.refuses(at: time) { return (403, 0, completion, true) }
        if control.perMinute > 0, time >= control.throttledFrom {
            let minute = Int64(time / 60_000)
            if minute != throttleMinute {
                throttleMinute = minute
                servedThisMinute = 0
            }
            if servedThisMinute >= control.perMinute {
                if plan.campaign >= 0, time - throttleNoticed >= Self.throttleNoticeInterval {
                    throttleNoticed = time
                    pendingThrottle = time
                }
                return (429, 0, completion, true)
            }
            servedThisMinute += 1
        }
        if time >= control.degradedFrom, completion > AccountControl.degradedCompletionTokens {
            return (status, AccountControl.degradedCompletionTokens, completion - AccountControl.degradedCompletionTokens, false)
        }
        return (status, completion, 0, false)
    }

    /// A campaign account reports throttling to its campaign at most once an hour.
    static let throttleNoticeInterval = 3_600_000.0

    /// The sampling parameters of a request, as sent.
    private struct Sampling {
        var maxTokens: Int32
        var temperature: Double
        var topP: Double
        var n: Int32
        var logprobs: Bool
        var topLogprobs: Int32
        var logitBias: Int32
        var tools: Int32
        var stream: Bool

        /// An embeddings call sends none of them: the log holds the documented defaults of a
        /// field not sent (DESIGN §2; `RequestReadOptions`).
        static let embedding = Sampling(
            maxTokens: 0, temperature: 1, topP: 1, n: 1, logprobs: false, topLogprobs: 0, logitBias: 0, tools: 0,
            stream: false)
    }

    /// The account's habits with some variation: its own `max_tokens` and temperature most of
    /// the time, otherwise another value of the same menus (``ParameterMenu``).
    private func drawSampling(_ runtime: PersonaRuntime) -> Sampling {
        let content = runtime.profile.content
        let maxTokens: Int32 =
            source.chance(habits.maxTokensUnsetShare) ? 0 : source.chance(0.85) ? maxTokens : runtime.maxTokens.sample(source)
        let n: Int32 = source.chance(habits.multipleCompletionsShare) ? Int32(min(16, 1 + source.geometric(0.4))) : 1
        let logprobs = source.chance(habits.logprobsShare)
        return Sampling(
            maxTokens: maxTokens,
            temperature: source.chance(0.85) ? temperature : runtime.temperatures.sample(source),
            topP: source.chance(habits.topPShare) ? ParameterMenu.topP[source.index(below: ParameterMenu.topP.count)] : 1,
            n: n, logprobs: logprobs, topLogprobs: logprobs ? runtime.topLogprobs.sample(source) : 0,
            logitBias: source.chance(habits.logitBiasShare)
                ? Int32(clamping: max(1, source.poisson(mean: content.logitBiasEntriesMean))) : 0,
            tools: source.chance(habits.toolsShare) ? Int32(clamping: max(1, source.poisson(mean: content.toolsMean))) : 0,
            stream: source.chance(habits.streamShare))
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
