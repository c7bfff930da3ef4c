import Traffic

/// Everything that shapes one persona's accounts and requests: who the accounts are
/// (``IdentityModel``), when they send (``ArrivalModel``) and what they send (``ContentModel``).
///
/// Benign personas and, later, campaigns share this one type: a campaign differs from a
/// customer only in the values, never in which fields exist (DESIGN §3, "Truth never leaks").
public struct PersonaProfile: Sendable {
    public var identity: IdentityModel
    public var arrival: ArrivalModel
    public var content: ContentModel

    public init(identity: IdentityModel, arrival: ArrivalModel, content: ContentModel) {
        self.identity = identity
        self.arrival = arrival
        self.content = content
    }

    /// A parameter a scenario file may override under `params:`, with its valid range.
    public struct Knob: Sendable {
        public var keyPath: any WritableKeyPath<PersonaProfile, Double> & Sendable
        public var range: ClosedRange<Double>
    }

    /// The parameters a scenario may override, by their YAML names.
    public static let knobs: [String: Knob] = [
        "requests_per_day": Knob(keyPath: \.arrival.requestsPerDay, range: 0.001...10_000_000),
        "volume_sigma": Knob(keyPath: \.arrival.volumeSigma, range: 0...4),
        "burst_shape": Knob(keyPath: \.arrival.burstShape, range: 0.05...100),
        "burst_size_mean": Knob(keyPath: \.arrival.burstSizeMean, range: 1...100_000),
        "simultaneous_share": Knob(keyPath: \.arrival.simultaneousShare, range: 0...1),
        "intra_burst_gap_s": Knob(keyPath: \.arrival.intraBurstGapSeconds, range: 0.001...86_400),
        "active_day_probability": Knob(keyPath: \.arrival.activeDayProbability, range: 0.01...1),
        "rate_swing_sigma": Knob(keyPath: \.arrival.rateSwingSigma, range: 0...2),
        "rate_swing_minutes": Knob(keyPath: \.arrival.rateSwingMinutes, range: 0...10_000),
        "logprobs_share": Knob(keyPath: \.content.logprobsShare, range: 0...1),
        "logit_bias_share": Knob(keyPath: \.content.logitBiasShare, range: 0...1),
        "multiple_completions_share": Knob(keyPath: \.content.multipleCompletionsShare, range: 0...1),
        "stream_share": Knob(keyPath: \.content.streamShare, range: 0...1),
        "tools_share": Knob(keyPath: \.content.toolsShare, range: 0...1),
        "max_tokens_unset_share": Knob(keyPath: \.content.maxTokensUnsetShare, range: 0...1),
        "rate_limited_share": Knob(keyPath: \.content.rateLimitedShare, range: 0...1),
        "org_size_mean": Knob(keyPath: \.identity.orgSizeMean, range: 1...10_000),
        "account_age_days": Knob(keyPath: \.identity.accountAgeDaysMedian, range: 0...10_000),
    ]
}

/// Who a persona's accounts are: tiers, organisations, e-mail, countries, networks, clients.
public struct IdentityModel: Sendable {
    /// Relative weights of billing tiers.
    public var tiers: [Tier: Double]
    /// Mean number of accounts per organisation (geometric, ≥ 1); an organisation's accounts
    /// legitimately share a payment instrument.
    public var orgSizeMean: Double
    /// Median account age at the scenario start, days (log-normal).
    public var accountAgeDaysMedian: Double
    /// Spread of ln(account age).
    public var accountAgeSigma: Double
    /// Share of accounts that sign up during the scenario (they send from their creation on).
    public var newAccountShare: Double
    /// Relative weights of e-mail domain kinds.
    public var emailKinds: [EmailKind: Double]
    /// Relative weights of billing countries (ISO 3166-1 alpha-2).
    public var countries: [String: Double]
    /// Relative weights of the networks accounts send from.
    public var networks: [NetworkKind: Double]
    /// Mean number of client network prefixes per account (geometric, ≥ 1).
    public var prefixesPerAccountMean: Double
    /// Relative weights of client libraries.
    public var clients: [ClientKind: Double]
    /// Mean number of API keys per account (geometric, ≥ 1): keys get rotated.
    public var keysPerAccountMean: Double
}

/// When a persona's accounts send: a time-changed renewal process of bursts.
///
/// Bursts arrive as a renewal process with Gamma(`burstShape`) gaps in "operational time",
/// mapped to wall-clock time through the weekly activity profile (Lewis & Shedler's time
/// change for non-homogeneous processes); each burst holds a geometric number of requests
/// separated by Gamma gaps, some of them simultaneous (parallel calls). Optionally the rate
/// swings minute by minute around that profile (``rateSwingSigma``), which makes the burst
/// starts a doubly stochastic (Cox) process.
public struct ArrivalModel: Sendable {
    /// Median requests per day of an account (log-normal over accounts).
    public var requestsPerDay: Double
    /// Spread of ln(requests per day) over accounts.
    public var volumeSigma: Double
    /// Gamma shape of the gaps between bursts (1 = Poisson; < 1 burstier).
    public var burstShape: Double
    /// Mean requests per burst (geometric, ≥ 1).
    public var burstSizeMean: Double
    /// Chance that the next request of a burst is sent within the same millisecond.
    public var simultaneousShare: Double
    /// Mean gap between the requests of a burst that are not simultaneous, seconds.
    public var intraBurstGapSeconds: Double
    /// Gamma shape of those gaps.
    public var intraBurstGapShape: Double
    /// Chance that an account is active on a given day (idle days send nothing).
    public var activeDayProbability: Double
    /// Hour-of-week modulation of the rate, in the account's local time.
    public var activity: ActivityShape
    /// Standard deviation of the log of a random rate multiplier, mean 1, that follows an
    /// Ornstein–Uhlenbeck process stepped every 10 s (0: no swings). Load swings of a service
    /// over minutes, on top of the hour-of-week profile: the Azure conversation service's count
    /// var/mean per minute is 16 where a renewal process gives 1.1
    /// (``AzureTrace/ConversationArrivals/rateSwingSigma``).
    public var rateSwingSigma: Double = 0
    /// Correlation time `τ` of those swings, minutes: the log-rates of times `Δ` apart correlate
    /// `exp(−Δ/τ)` (0: independent 10 s steps).
    public var rateSwingMinutes: Double = 0
}

/// What a persona's requests look like.
public struct ContentModel: Sendable {
    /// Prompt tokens (including context and history) per request.
    public var promptTokens: TokenModel
    /// Completion tokens per request before the `max_tokens` cap.
    public var completionTokens: TokenModel
    /// Spread of an account's own log-scale token multiplier (0: the account is the population).
    public var accountTokenSigma: Double
    /// Relative weights of endpoints.
    public var endpoints: [Endpoint: Double]
    /// Relative weights of chat model families an account prefers.
    public var families: [ModelFamily: Double]
    /// Median days an account waits before moving to a newly released model (log-normal).
    public var adoptionDelayDaysMedian: Double
    /// Share of requests that leave `max_tokens` unset.
    public var maxTokensUnsetShare: Double
    /// `max_tokens` values an account picks from when it sets one, with weights (values from
    /// ``ParameterMenu/maxTokens``).
    public var maxTokens: [Int32: Double]
    /// Temperatures an account habitually sends, with weights (values from
    /// ``ParameterMenu/temperatures``).
    public var temperatures: [Double: Double]
    /// Share of requests that send a `top_p` other than 1.
    public var topPShare: Double
    /// Share of requests asking for more than one completion.
    public var multipleCompletionsShare: Double
    /// Share of requests with `logprobs: true`.
    public var logprobsShare: Double
    /// `top_logprobs` values used with logprobs, with weights (values from
    /// ``ParameterMenu/topLogprobs``).
    public var topLogprobs: [Int32: Double]
    /// Share of requests with logit-bias entries.
    public var logitBiasShare: Double
    /// Mean number of logit-bias entries when some are sent.
    public var logitBiasEntriesMean: Double
    /// Share of requests with tool definitions.
    public var toolsShare: Double
    /// Mean number of tool definitions when some are sent.
    public var toolsMean: Double
    /// Share of streamed requests.
    public var streamShare: Double
    /// Share of requests answered 429 (rate limited).
    public var rateLimitedShare: Double
    /// Share of requests answered 400 (bad request).
    public var badRequestShare: Double
    /// Share of requests answered 500/503.
    public var serverErrorShare: Double
    /// Mean number of distinct system prompts per account (0: none).
    public var systemPromptsMean: Double
    /// Gaussian-copula correlation between the visible prompt's length and the request's
    /// prompt tokens (see ``PromptTokenModel``): high for single-turn calls whose prompt is
    /// mostly the visible message, low where history, documents or code dominate.
    public var promptTextCorrelation: Double = 0.6
    /// How the prompts' text is drawn from the shared pools.
    public var prompt: PromptStyle = .generalUser
}

/// A distribution of token counts.
public enum TokenModel: Sendable {
    /// The Azure conversation service's prompt or completion lengths (empirical quantiles).
    case azureConversationPrompt, azureConversationCompletion
    /// The Azure code service's prompt or completion lengths (empirical quantiles).
    case azureCodePrompt, azureCodeCompletion
    /// Log-normal with this median and log-scale spread.
    case lognormal(median: Double, sigma: Double)
}

/// API endpoints (DESIGN §2).
public enum Endpoint: String, Sendable, Hashable, CaseIterable {
    case chat, completions, responses, embeddings, batch
}

/// Kinds of e-mail domain.
public enum EmailKind: String, Sendable, Hashable, CaseIterable {
    /// gmail.com, outlook.com, qq.com, …
    case freemail
    /// A company's own domain.
    case company
    /// A university's domain.
    case academic
}

/// Kinds of network a client sends from.
public enum NetworkKind: String, Sendable, Hashable, CaseIterable {
    /// Public cloud (AWS, GCP, Azure, …).
    case cloud
    /// Consumer broadband.
    case residential
    /// Mobile carriers.
    case mobile
    /// Research and education networks.
    case university
    /// Corporate networks and hosting.
    case corporate
}

/// Client libraries, each with its own version series and TLS fingerprints.
public enum ClientKind: String, Sendable, Hashable, CaseIterable {
    case pythonSDK = "python-sdk"
    case nodeSDK = "node-sdk"
    case curl
    case langchain
    case litellm
    case goSDK = "go-sdk"
    case javaSDK = "java-sdk"
    case httpClient = "http-client"
}

/// Weekly activity shapes.
public enum ActivityShape: String, Sendable, Hashable, CaseIterable {
    /// Consumer chat: evening peak, little weekly change.
    case consumer
    /// Office work: weekdays 9–18.
    case business
    /// Machines and global products: nearly flat.
    case flat
    /// Scheduled batch work (evaluation runs, nightly jobs): launched at the end of the working
    /// day and by overnight schedules, some during the day, weekends included.
    case nightly
}
