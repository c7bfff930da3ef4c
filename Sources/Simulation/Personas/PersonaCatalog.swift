import Traffic

/// The calibrated defaults of every persona, each with its source.
///
/// Sources cited below:
/// - [Azure23] Patel et al., "Splitwise: Efficient generative LLM inference using phase
///   splitting", ISCA 2024; Azure LLM inference trace 2023 (`../shared/data`, figures in its README).
/// - [BurstGPT] Wang et al., "BurstGPT: A real-world workload dataset to optimize LLM serving
///   systems", 2024: Azure OpenAI usage with diurnal and weekly periodicity; API use
///   concentrated on weekdays, conversation use steady; failures a few percent.
/// - [WildChat] Zhao et al., "WildChat: 1M ChatGPT interaction logs in the wild", ICLR 2024:
///   language shares of real chat users (English ≈ 53 %, Chinese ≈ 13 %, Russian ≈ 12 %, …).
/// - [Tiers] Providers' published usage tiers (free, tier 1–5 by cumulative spend, enterprise).
/// - [Harness] Gao et al., lm-evaluation-harness (2023): greedy decoding (temperature 0),
///   log-likelihood scoring through logprobs, sweeps over all subjects of a benchmark.
/// - [Assumption] No published figure; the value is a stated modelling choice, overridable in
///   the scenario file.
enum PersonaCatalog {
    static func profile(for persona: Persona) -> PersonaProfile {
        var profile = baseProfile(for: persona)
        profile.content.prompt = persona.promptStyle
        return profile
    }

    private static func baseProfile(for persona: Persona) -> PersonaProfile {
        switch persona {
        case .chatApp: chatApp
        case .codingAgent: codingAgent
        case .developer: developer
        case .enterpriseRAG: enterpriseRAG
        case .evalHarness: evalHarness
        case .syntheticData: syntheticData
        case .researchLab: researchLab
        case .router: router
        }
    }

    // MARK: - Shared identity pieces

    /// Billing countries of API customers [Assumption: weighted by developer population].
    static let globalCountries: [String: Double] = [
        "US": 30, "IN": 9, "GB": 6, "DE": 6, "FR": 4, "CA": 4, "BR": 4, "JP": 4, "SG": 3, "KR": 3,
        "NL": 2, "AU": 2, "ES": 2, "IT": 2, "SE": 1.5, "CH": 1.5, "IL": 1.5, "PL": 1.5, "MX": 1.5,
        "HK": 2, "TW": 1.5, "AE": 1, "ID": 1.5, "VN": 1, "TR": 1, "NG": 1, "ZA": 0.8, "AR": 0.8,
    ]

    /// Client libraries of API traffic [Assumption: official SDKs dominate, then frameworks].
    static let sdkClients: [ClientKind: Double] = [
        .pythonSDK: 50, .nodeSDK: 22, .langchain: 8, .litellm: 6, .curl: 4, .goSDK: 4, .javaSDK: 3, .httpClient: 3,
    ]

    static let selfServeTiers: [Tier: Double] = [.free: 25, .tier1: 35, .tier2: 18, .tier3: 12, .tier4: 6, .tier5: 4]
    static let paidTiers: [Tier: Double] = [.tier3: 15, .tier4: 25, .tier5: 35, .enterprise: 25]

    // MARK: - Personas

    /// A consumer chat product: one account, many end users. Token lengths are the Azure
    /// conversation service's [Azure23]; gaps Gamma with shape 0.87, the MLE on that trace.
    static let chatApp = PersonaProfile(
        identity: IdentityModel(
            tiers: paidTiers, orgSizeMean: 1.3, accountAgeDaysMedian: 420, accountAgeSigma: 0.6, newAccountShare: 0.01,
            emailKinds: [.company: 1], countries: globalCountries,
            networks: [.cloud: 0.85, .corporate: 0.15], prefixesPerAccountMean: 4,
            clients: [.pythonSDK: 45, .nodeSDK: 40, .goSDK: 8, .javaSDK: 7], keysPerAccountMean: 2),
        arrival: ArrivalModel(
            // Gamma gaps and minute-scale rate swings fitted jointly to the conversation trace by
            // scripts/azure_rate_swings.py: shape 0.87 alone gives count var/mean 1.1 per minute
            // against the trace's 16; with the swings the gap CV stays 1.09.
            requestsPerDay: 6_000, volumeSigma: 1.0, burstShape: AzureTrace.ConversationArrivals.swingGammaShape,
            burstSizeMean: 1, simultaneousShare: 0, intraBurstGapSeconds: 1, intraBurstGapShape: 1,
            activeDayProbability: 1, activity: .consumer,
            rateSwingSigma: AzureTrace.ConversationArrivals.rateSwingSigma,
            rateSwingMinutes: AzureTrace.ConversationArrivals.rateSwingMinutes),
        content: ContentModel(
            promptTokens: .azureConversationPrompt, completionTokens: .azureConversationCompletion,
            accountTokenSigma: 0, endpoints: [.chat: 0.85, .responses: 0.15],
            families: [.large: 0.35, .small: 0.6, .reasoning: 0.05], adoptionDelayDaysMedian: 14,
            maxTokensUnsetShare: 0.5, maxTokens: [512: 1, 1_024: 3, 2_048: 3, 4_096: 3],
            temperatures: [0.7: 5, 1.0: 4, 0.5: 1], topPShare: 0.1, multipleCompletionsShare: 0,
            logprobsShare: 0, topLogprobs: [:], logitBiasShare: 0.002, logitBiasEntriesMean: 3,
            toolsShare: 0.3, toolsMean: 4, streamShare: 0.9, rateLimitedShare: 0.004,
            badRequestShare: 0.003, serverErrorShare: 0.002, systemPromptsMean: 2,
            promptTextCorrelation: 0.4))

    /// A coding agent product: bursts of tool-using steps over long repeated context. Token
    /// lengths are the Azure code service's [Azure23]; burst structure fitted to its
    /// inter-arrivals (17 % within 1 ms; CV 13.2).
    static let codingAgent = PersonaProfile(
        identity: IdentityModel(
            tiers: paidTiers, orgSizeMean: 1.5, accountAgeDaysMedian: 300, accountAgeSigma: 0.7, newAccountShare: 0.03,
            emailKinds: [.company: 1], countries: globalCountries,
            networks: [.cloud: 0.9, .corporate: 0.1], prefixesPerAccountMean: 3,
            clients: [.pythonSDK: 55, .nodeSDK: 35, .goSDK: 10], keysPerAccountMean: 2),
        arrival: ArrivalModel(
            // Fitted to the code trace by scripts/azure_interarrivals.py (AzureTrace.Code): runs of
            // 1/0.00615 batches of 1.205 requests (17 % of gaps ≤ 1 ms), 145 ms Gamma(0.447) gaps
            // inside a run, ≈ 53 s idle gaps (CV 0.94 → Gamma shape 1.14) between runs.
            requestsPerDay: 4_000, volumeSigma: 1.0, burstShape: 1.14, burstSizeMean: 196,
            simultaneousShare: 0.17, intraBurstGapSeconds: 0.1455, intraBurstGapShape: 0.447,
            activeDayProbability: 1, activity: .flat),
        content: ContentModel(
            promptTokens: .azureCodePrompt, completionTokens: .azureCodeCompletion, accountTokenSigma: 0,
            endpoints: [.chat: 0.55, .responses: 0.35, .completions: 0.1],
            families: [.large: 0.55, .small: 0.25, .reasoning: 0.2], adoptionDelayDaysMedian: 4,
            maxTokensUnsetShare: 0.3, maxTokens: [256: 1, 1_024: 2, 2_048: 1, 4_096: 3, 8_192: 3],
            temperatures: [0.0: 4, 0.2: 3, 1.0: 3], topPShare: 0.05, multipleCompletionsShare: 0.02,
            logprobsShare: 0.01, topLogprobs: [1: 1], logitBiasShare: 0.001, logitBiasEntriesMean: 2,
            toolsShare: 0.85, toolsMean: 18, streamShare: 0.6, rateLimitedShare: 0.01,
            badRequestShare: 0.005, serverErrorShare: 0.003, systemPromptsMean: 1.5,
            promptTextCorrelation: 0.2))

    /// An individual developer: low volume, business-ish hours, many parameter experiments
    /// [BurstGPT: API use weekday-heavy; volumes Zipf-like across users → wide log-normal].
    static let developer = PersonaProfile(
        identity: IdentityModel(
            tiers: selfServeTiers, orgSizeMean: 1.05, accountAgeDaysMedian: 150, accountAgeSigma: 1.1, newAccountShare: 0.08,
            emailKinds: [.freemail: 0.6, .company: 0.35, .academic: 0.05], countries: globalCountries,
            networks: [.residential: 0.55, .corporate: 0.2, .cloud: 0.15, .mobile: 0.1],
            prefixesPerAccountMean: 1.8, clients: sdkClients, keysPerAccountMean: 1.4),
        arrival: ArrivalModel(
            requestsPerDay: 25, volumeSigma: 1.3, burstShape: 0.6, burstSizeMean: 5,
            simultaneousShare: 0.02, intraBurstGapSeconds: 40, intraBurstGapShape: 0.8,
            activeDayProbability: 0.55, activity: .business),
        content: ContentModel(
            promptTokens: .lognormal(median: 350, sigma: 1.2), completionTokens: .lognormal(median: 180, sigma: 1.0),
            accountTokenSigma: 0.5, endpoints: [.chat: 0.6, .responses: 0.2, .completions: 0.08, .embeddings: 0.1, .batch: 0.02],
            families: [.large: 0.45, .small: 0.4, .reasoning: 0.15], adoptionDelayDaysMedian: 3,
            maxTokensUnsetShare: 0.45, maxTokens: [
                50: 1, 100: 1, 256: 2, 500: 1, 512: 1, 1_000: 1, 1_024: 2, 2_048: 2, 3_072: 0.3, 4_096: 1.5, 8_192: 0.5,
            ],
            temperatures: [0.0: 2, 0.2: 1, 0.5: 1, 0.7: 3, 1.0: 3, 1.2: 0.5], topPShare: 0.15,
            multipleCompletionsShare: 0.03, logprobsShare: 0.03, topLogprobs: [0: 1, 1: 1, 5: 2],
            logitBiasShare: 0.01, logitBiasEntriesMean: 2, toolsShare: 0.2, toolsMean: 3, streamShare: 0.4,
            rateLimitedShare: 0.01, badRequestShare: 0.03, serverErrorShare: 0.003, systemPromptsMean: 1.2,
            promptTextCorrelation: 0.6))

    /// Retrieval-augmented assistant inside a company: office hours, long documents, narrow
    /// topics, high volume [BurstGPT weekday pattern; RAG prompts carry retrieved passages].
    static let enterpriseRAG = PersonaProfile(
        identity: IdentityModel(
            tiers: [.enterprise: 0.7, .tier5: 0.2, .tier4: 0.1], orgSizeMean: 3, accountAgeDaysMedian: 500,
            accountAgeSigma: 0.5, newAccountShare: 0.01, emailKinds: [.company: 1], countries: globalCountries,
            networks: [.corporate: 0.6, .cloud: 0.4], prefixesPerAccountMean: 2,
            clients: [.pythonSDK: 45, .javaSDK: 20, .langchain: 20, .nodeSDK: 15], keysPerAccountMean: 2),
        arrival: ArrivalModel(
            requestsPerDay: 2_500, volumeSigma: 0.8, burstShape: 0.9, burstSizeMean: 2,
            simultaneousShare: 0.3, intraBurstGapSeconds: 3, intraBurstGapShape: 1,
            activeDayProbability: 1, activity: .business),
        content: ContentModel(
            promptTokens: .lognormal(median: 3_500, sigma: 0.6), completionTokens: .lognormal(median: 250, sigma: 0.7),
            accountTokenSigma: 0.3, endpoints: [.chat: 0.75, .embeddings: 0.25],
            families: [.large: 0.6, .small: 0.4], adoptionDelayDaysMedian: 45,
            maxTokensUnsetShare: 0.2, maxTokens: [512: 2, 800: 2, 1_024: 3, 2_048: 1],
            temperatures: [0.0: 3, 0.2: 4, 0.3: 2], topPShare: 0.05, multipleCompletionsShare: 0,
            logprobsShare: 0.01, topLogprobs: [0: 1], logitBiasShare: 0, logitBiasEntriesMean: 0,
            toolsShare: 0.15, toolsMean: 2, streamShare: 0.7, rateLimitedShare: 0.003,
            badRequestShare: 0.004, serverErrorShare: 0.002, systemPromptsMean: 1.5,
            promptTextCorrelation: 0.25))

    /// Decoy: an evaluation harness. Sweeps every subject of a benchmark at temperature 0,
    /// scores with logprobs, runs jobs on some days in large bursts [Harness].
    static let evalHarness = PersonaProfile(
        identity: IdentityModel(
            tiers: [.tier3: 0.3, .tier4: 0.3, .tier5: 0.2, .enterprise: 0.1, .edu: 0.1], orgSizeMean: 1.5,
            accountAgeDaysMedian: 250, accountAgeSigma: 0.8, newAccountShare: 0.03,
            emailKinds: [.company: 0.7, .academic: 0.3], countries: globalCountries,
            networks: [.cloud: 0.7, .university: 0.15, .corporate: 0.15], prefixesPerAccountMean: 1.5,
            clients: [.pythonSDK: 70, .litellm: 20, .httpClient: 10], keysPerAccountMean: 1.5),
        arrival: ArrivalModel(
            requestsPerDay: 3_000, volumeSigma: 1.0, burstShape: 1, burstSizeMean: 1_500,
            simultaneousShare: 0.5, intraBurstGapSeconds: 0.6, intraBurstGapShape: 2,
            // Scheduled runs: end of the working day and overnight, weekends too (issue 7: office
            // hours left 19:00–06:00 nearly empty).
            activeDayProbability: 0.35, activity: .nightly),
        content: ContentModel(
            promptTokens: .lognormal(median: 600, sigma: 0.7), completionTokens: .lognormal(median: 40, sigma: 1.4),
            accountTokenSigma: 0.3, endpoints: [.chat: 0.7, .completions: 0.3],
            families: [.large: 0.5, .small: 0.3, .reasoning: 0.2], adoptionDelayDaysMedian: 1,
            maxTokensUnsetShare: 0.1, maxTokens: [1: 2, 16: 2, 256: 1, 1_024: 2, 2_048: 1, 4_096: 1],
            temperatures: [0.0: 9, 1.0: 1], topPShare: 0.02, multipleCompletionsShare: 0.05,
            logprobsShare: 0.5, topLogprobs: [1: 2, 5: 3, 10: 1, 20: 1], logitBiasShare: 0.05,
            logitBiasEntriesMean: 4, toolsShare: 0.05, toolsMean: 3, streamShare: 0.02,
            rateLimitedShare: 0.03, badRequestShare: 0.005, serverErrorShare: 0.003, systemPromptsMean: 1,
            promptTextCorrelation: 0.7))

    /// Decoy: permitted synthetic-data generation. Templated bulk jobs at high temperature,
    /// several completions per prompt, steady rate [Assumption: data-generation jobs].
    static let syntheticData = PersonaProfile(
        identity: IdentityModel(
            tiers: [.tier4: 0.3, .tier5: 0.4, .enterprise: 0.3], orgSizeMean: 1.5, accountAgeDaysMedian: 200,
            accountAgeSigma: 0.8, newAccountShare: 0.04, emailKinds: [.company: 1], countries: globalCountries,
            networks: [.cloud: 1], prefixesPerAccountMean: 2,
            clients: [.pythonSDK: 75, .litellm: 15, .nodeSDK: 10], keysPerAccountMean: 1.5),
        arrival: ArrivalModel(
            requestsPerDay: 8_000, volumeSigma: 0.9, burstShape: 1.2, burstSizeMean: 400,
            simultaneousShare: 0.4, intraBurstGapSeconds: 0.5, intraBurstGapShape: 1.5,
            activeDayProbability: 0.5, activity: .flat),
        content: ContentModel(
            promptTokens: .lognormal(median: 450, sigma: 0.6), completionTokens: .lognormal(median: 700, sigma: 0.6),
            accountTokenSigma: 0.3, endpoints: [.chat: 0.7, .batch: 0.3],
            families: [.large: 0.5, .small: 0.5], adoptionDelayDaysMedian: 7,
            maxTokensUnsetShare: 0.1, maxTokens: [1_024: 2, 2_048: 3, 3_072: 2, 4_096: 3, 8_192: 1],
            temperatures: [0.8: 2, 1.0: 5, 1.2: 1], topPShare: 0.2, multipleCompletionsShare: 0.25,
            logprobsShare: 0.01, topLogprobs: [0: 1], logitBiasShare: 0.05, logitBiasEntriesMean: 5,
            toolsShare: 0.05, toolsMean: 1, streamShare: 0.05, rateLimitedShare: 0.03,
            badRequestShare: 0.003, serverErrorShare: 0.003, systemPromptsMean: 1.5,
            promptTextCorrelation: 0.7))

    /// Decoy: a university lab probing model internals through logprobs and logit bias
    /// (interpretability, calibration and membership-inference research) [Assumption].
    static let researchLab = PersonaProfile(
        identity: IdentityModel(
            tiers: [.edu: 0.6, .tier2: 0.2, .tier3: 0.2], orgSizeMean: 4, accountAgeDaysMedian: 200,
            accountAgeSigma: 1.0, newAccountShare: 0.05, emailKinds: [.academic: 1], countries: globalCountries,
            networks: [.university: 0.75, .cloud: 0.2, .residential: 0.05], prefixesPerAccountMean: 1.5,
            clients: [.pythonSDK: 80, .httpClient: 10, .curl: 10], keysPerAccountMean: 1.3),
        arrival: ArrivalModel(
            requestsPerDay: 400, volumeSigma: 1.2, burstShape: 0.7, burstSizeMean: 150,
            simultaneousShare: 0.3, intraBurstGapSeconds: 0.8, intraBurstGapShape: 1,
            activeDayProbability: 0.45, activity: .business),
        content: ContentModel(
            promptTokens: .lognormal(median: 250, sigma: 0.9), completionTokens: .lognormal(median: 20, sigma: 1.6),
            accountTokenSigma: 0.4, endpoints: [.chat: 0.6, .completions: 0.4],
            families: [.large: 0.4, .small: 0.6], adoptionDelayDaysMedian: 2,
            maxTokensUnsetShare: 0.15, maxTokens: [1: 3, 5: 2, 50: 2, 256: 2, 1_024: 1],
            temperatures: [0.0: 6, 1.0: 3, 0.7: 1], topPShare: 0.1, multipleCompletionsShare: 0.1,
            logprobsShare: 0.6, topLogprobs: [5: 2, 10: 1, 20: 3], logitBiasShare: 0.25,
            logitBiasEntriesMean: 30, toolsShare: 0, toolsMean: 0, streamShare: 0.02,
            rateLimitedShare: 0.02, badRequestShare: 0.02, serverErrorShare: 0.003, systemPromptsMean: 0.5,
            promptTextCorrelation: 0.75))

    /// Decoy: a legitimate reseller or aggregator (OpenRouter-like): many end users' diverse
    /// traffic through one account, around the clock, many networks [Assumption].
    static let router = PersonaProfile(
        identity: IdentityModel(
            tiers: [.tier5: 0.4, .enterprise: 0.6], orgSizeMean: 1.2, accountAgeDaysMedian: 400,
            accountAgeSigma: 0.5, newAccountShare: 0.01, emailKinds: [.company: 1], countries: globalCountries,
            networks: [.cloud: 1], prefixesPerAccountMean: 8,
            clients: [.pythonSDK: 30, .nodeSDK: 30, .goSDK: 20, .httpClient: 20], keysPerAccountMean: 4),
        arrival: ArrivalModel(
            // Minute-scale swings as the conversation trace's (scripts/azure_rate_swings.py): end
            // users' load swings the same way behind a router, and the trace, at ≈ 480,000
            // requests a day, already aggregates more users than a router's default 20,000, so
            // aggregation does not argue for smaller swings [Assumption].
            requestsPerDay: 20_000, volumeSigma: 0.9, burstShape: 0.95, burstSizeMean: 1,
            simultaneousShare: 0, intraBurstGapSeconds: 1, intraBurstGapShape: 1,
            activeDayProbability: 1, activity: .flat,
            rateSwingSigma: AzureTrace.ConversationArrivals.rateSwingSigma,
            rateSwingMinutes: AzureTrace.ConversationArrivals.rateSwingMinutes),
        content: ContentModel(
            promptTokens: .lognormal(median: 900, sigma: 1.1), completionTokens: .lognormal(median: 220, sigma: 1.0),
            accountTokenSigma: 0.1, endpoints: [.chat: 0.8, .completions: 0.05, .responses: 0.15],
            families: [.large: 0.45, .small: 0.4, .reasoning: 0.15], adoptionDelayDaysMedian: 1,
            maxTokensUnsetShare: 0.4, maxTokens: [256: 1, 512: 1, 1_024: 2, 2_048: 2, 3_072: 0.5, 4_096: 2, 8_192: 1],
            temperatures: [0.0: 1, 0.3: 1, 0.7: 3, 1.0: 3], topPShare: 0.15, multipleCompletionsShare: 0.01,
            logprobsShare: 0.02, topLogprobs: [1: 1, 5: 1], logitBiasShare: 0.01, logitBiasEntriesMean: 3,
            toolsShare: 0.25, toolsMean: 5, streamShare: 0.75, rateLimitedShare: 0.01,
            badRequestShare: 0.01, serverErrorShare: 0.003, systemPromptsMean: 6,
            promptTextCorrelation: 0.45))
}
