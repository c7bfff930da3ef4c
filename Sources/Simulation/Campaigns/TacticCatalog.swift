import Traffic

/// The defaults of every tactic, each with its source.
///
/// Sources (quoted in issue 3):
/// - [Report26] a 2026 provider report on three distillation campaigns: ≈ 24,000 fraudulent
///   accounts, > 16 million exchanges (≈ 670 per account); "hydra" clusters, one proxy
///   operator running > 20,000 accounts at once and mixing distillation with unrelated
///   customer traffic; shared payment methods, synchronized timing, chain-of-thought
///   elicitation and rubric-grading prompts; half of one campaign's traffic moved to a newly
///   released model within 24 hours.
/// - [Letter26] a later letter: 24,975 accounts, 28.8 million exchanges over 44 days
///   (≈ 26 per account per day).
/// - [Reasoning26] another provider: one campaign of > 100,000 prompts coercing full
///   reasoning traces in many non-English languages.
/// - [SelfInstruct] Wang et al., "Self-Instruct", ACL 2023, and Taori et al., Alpaca (2023):
///   temperature 1.0, top_p 1.0, max_tokens 3072, a logit bias; reasoning-distillation sets
///   resample each question up to 16 times.
/// - [Carlini24] Carlini et al., "Stealing part of a production language model", ICML 2024:
///   logprobs with the maximum top_logprobs, logit-bias probes, max_tokens 1; under 20 dollars
///   for a small model's projection matrix.
/// - [Assumption] a stated modelling choice, overridable in the scenario file.
extension Tactic {
    /// The benign persona a tactic hides behind by default: mimic copies a developer,
    /// reseller-mix rides a router's genuine traffic.
    var defaultCover: Persona? {
        switch self {
        case .mimic: .developer
        case .resellerMix: .router
        default: nil
        }
    }

    /// The tactic's request and identity profile.
    func defaultProfile(cover: Persona?) -> PersonaProfile {
        switch self {
        case .bulkHarvest: TacticCatalog.bulkHarvest
        case .hydra: TacticCatalog.hydra
        case .resellerMix: TacticCatalog.resellerMix
        case .cotElicitation: TacticCatalog.cotElicitation
        case .logitHarvest: TacticCatalog.logitHarvest
        case .selfInstruct: TacticCatalog.selfInstruct
        case .mimic: TacticCatalog.mimic(of: cover ?? .developer)
        case .modelMigration: TacticCatalog.modelMigration
        }
    }

    /// How the tactic coordinates its accounts.
    var defaultCoordination: Coordination {
        var c = Coordination()
        switch self {
        case .bulkHarvest:
            c.networkRotation = 0.1
        case .hydra:
            // [Report26]: shared payment, proxy networks, sign-up waves, synchronized timing,
            // shared templates; sizes are [Assumption].
            c.paymentClusterSize = 8
            c.proxyPoolSize = 50_000
            c.networkRotation = 0.9
            c.creationWaves = 6
            c.creationWindowHours = 8
            c.leadDays = 20
            c.sharedSystemPrompts = 3
            c.synchronized = true
            c.partitionTopics = true
        case .resellerMix:
            break
        case .cotElicitation:
            c.paymentClusterSize = 3
            c.proxyPoolSize = 20_000
            c.networkRotation = 0.6
            c.creationWaves = 3
            c.sharedSystemPrompts = 2
            c.partitionTopics = true
        case .logitHarvest:
            c.networkRotation = 0.2
        case .selfInstruct:
            c.sharedSystemPrompts = 1
            c.paymentClusterSize = 2
        case .mimic:
            // A naive operator still signs its accounts up together and reuses a few cards and
            // one script's system prompt; careful and expert ones stop [Assumption].
            c.partitionTopics = true
            c.paymentClusterSize = 4
            c.creationWaves = 2
            c.leadDays = 7
            c.sharedSystemPrompts = 1
        case .modelMigration:
            // [Report26]: half the traffic on the new model within 24 hours.
            c.paymentClusterSize = 5
            c.proxyPoolSize = 20_000
            c.networkRotation = 0.7
            c.creationWaves = 4
            c.synchronized = true
            c.migrationShare = 0.5
            c.migrationDelayHours = 6
        }
        return c
    }
}

enum TacticCatalog {
    /// Self-serve identities: the tiers, e-mail and countries of ordinary sign-ups, so that
    /// no account-table field alone gives a campaign away [Assumption].
    static func selfServeIdentity(networks: [NetworkKind: Double]) -> IdentityModel {
        IdentityModel(
            tiers: [.free: 20, .tier1: 35, .tier2: 25, .tier3: 15, .tier4: 5], orgSizeMean: 1,
            accountAgeDaysMedian: 60, accountAgeSigma: 1.0, newAccountShare: 0.1,
            emailKinds: [.freemail: 0.7, .company: 0.3], countries: PersonaCatalog.globalCountries,
            networks: networks, prefixesPerAccountMean: 3, clients: PersonaCatalog.sdkClients,
            keysPerAccountMean: 1.5)
    }

    /// Shared content defaults of harvesting: long answers, ordinary sampling parameters.
    static func harvestContent(prompt: PromptStyle, completionMedian: Double) -> ContentModel {
        var content = PersonaCatalog.developer.content
        content.promptTokens = .lognormal(median: 350, sigma: 0.8)
        content.completionTokens = .lognormal(median: completionMedian, sigma: 0.6)
        content.accountTokenSigma = 0.2
        content.endpoints = [.chat: 0.85, .responses: 0.15]
        content.families = [.large: 0.6, .reasoning: 0.3, .small: 0.1]
        content.maxTokensUnsetShare = 0.4
        content.maxTokens = [1_024: 1, 2_048: 3, 4_096: 3, 8_192: 2]
        content.temperatures = [0.7: 3, 1.0: 3, 0.5: 1]
        content.logprobsShare = 0.01
        content.logitBiasShare = 0.005
        content.toolsShare = 0.02
        content.streamShare = 0.3
        // A harvest wants coverage of every kind of request, e-mails and translations included
        // [Assumption: a tenth of its task mix follows general chat use].
        content.prompt = prompt.blendingTasks(with: PromptStyle.chatTaskMix, share: 0.1)
        return content
    }

    /// [Report26] "massive data pull": a few high-tier accounts at their rate limits, long
    /// outputs, a sweep over every topic.
    static let bulkHarvest = PersonaProfile(
        identity: IdentityModel(
            tiers: [.tier4: 0.4, .tier5: 0.6], orgSizeMean: 1, accountAgeDaysMedian: 120, accountAgeSigma: 1,
            newAccountShare: 0, emailKinds: [.company: 1], countries: PersonaCatalog.globalCountries,
            networks: [.cloud: 1], prefixesPerAccountMean: 2, clients: [.pythonSDK: 1], keysPerAccountMean: 3),
        arrival: ArrivalModel(
            requestsPerDay: 50_000, volumeSigma: 0.2, burstShape: 1, burstSizeMean: 400,
            simultaneousShare: 0.5, intraBurstGapSeconds: 0.4, intraBurstGapShape: 1.5,
            activeDayProbability: 1, activity: .flat),
        content: {
            var content = harvestContent(prompt: .coverageSweep, completionMedian: 900)
            content.rateLimitedShare = 0.08
            return content
        }())

    /// [Report26, Letter26] hydra clusters: thousands of self-serve accounts, each ≈ 26
    /// exchanges a day, chain-of-thought and coverage prompts from shared templates.
    static let hydra = PersonaProfile(
        identity: selfServeIdentity(networks: [.residential: 0.6, .cloud: 0.3, .mobile: 0.1]),
        arrival: ArrivalModel(
            requestsPerDay: 26, volumeSigma: 0.3, burstShape: 0.9, burstSizeMean: 5,
            simultaneousShare: 0.05, intraBurstGapSeconds: 25, intraBurstGapShape: 1.2,
            activeDayProbability: 0.9, activity: .flat),
        content: harvestContent(
            prompt: PromptStyle(
                languages: [.en: 0.6, .zh: 0.2, .es: 0.1, .fr: 0.1], languageStickiness: 0.5,
                taskKinds: [
                    .explain: 0.25, .stepByStepReasoning: 0.2, .solveMath: 0.15, .compare: 0.1,
                    .factualQuestion: 0.1, .writeCode: 0.1, .gradeAnswer: 0.1,
                ],
                topics: .sweep(), greeting: 0.05, background: 0.03, politeness: 0.08, typo: 0.03,
                followUp: 0.05, reasoningSuffix: 0.4, formatInstruction: 0.2, context: 0.03,
                templateReuse: 0.3, nearDuplicate: 0.03),
            completionMedian: 700))

    /// [Report26] the campaign traffic carried by a proxy operator's reseller accounts: CoT
    /// and coverage prompts mixed into genuine end-user traffic.
    static var resellerMix: PersonaProfile {
        var profile = PersonaCatalog.profile(for: .router)
        profile.content = harvestContent(prompt: hydra.content.prompt, completionMedian: 800)
        profile.arrival.volumeSigma = 0.2
        return profile
    }

    /// [Report26, Reasoning26] reasoning-trace coercion and rubric grading in many languages.
    static let cotElicitation = PersonaProfile(
        identity: selfServeIdentity(networks: [.residential: 0.4, .cloud: 0.5, .mobile: 0.1]),
        arrival: ArrivalModel(
            requestsPerDay: 120, volumeSigma: 0.3, burstShape: 0.8, burstSizeMean: 8,
            simultaneousShare: 0.1, intraBurstGapSeconds: 15, intraBurstGapShape: 1,
            activeDayProbability: 0.95, activity: .flat),
        content: {
            var content = harvestContent(
                prompt: PromptStyle(
                    languages: [.en: 0.25, .zh: 0.2, .es: 0.12, .fr: 0.1, .de: 0.1, .pt: 0.12, .ja: 0.11],
                    languageStickiness: 0.6,
                    taskKinds: [.stepByStepReasoning: 0.35, .solveMath: 0.25, .gradeAnswer: 0.2, .compare: 0.1, .explain: 0.1],
                    topics: .uniform(domains: [.math, .science, .programming, .dataScience, .finance, .law]),
                    greeting: 0.02, background: 0.02, politeness: 0.05, typo: 0.02, followUp: 0.05,
                    reasoningSuffix: 0.85, formatInstruction: 0.2, context: 0.05, templateReuse: 0.25,
                    nearDuplicate: 0.05),
                completionMedian: 1_500)
            content.families = [.reasoning: 0.6, .large: 0.4]
            content.maxTokensUnsetShare = 0.6
            return content
        }())

    /// [Carlini24] logit extraction: every request asks for logprobs with top_logprobs 20,
    /// most carry logit-bias probes and max_tokens 1; short prompts; a small model; very many
    /// requests.
    static let logitHarvest = PersonaProfile(
        identity: IdentityModel(
            tiers: [.tier2: 0.3, .tier3: 0.4, .tier4: 0.3], orgSizeMean: 1, accountAgeDaysMedian: 90,
            accountAgeSigma: 1, newAccountShare: 0.2, emailKinds: [.freemail: 0.5, .company: 0.5],
            countries: PersonaCatalog.globalCountries, networks: [.cloud: 0.8, .residential: 0.2],
            prefixesPerAccountMean: 1.5, clients: [.pythonSDK: 0.8, .httpClient: 0.2], keysPerAccountMean: 1.2),
        arrival: ArrivalModel(
            requestsPerDay: 20_000, volumeSigma: 0.3, burstShape: 1, burstSizeMean: 500,
            simultaneousShare: 0.6, intraBurstGapSeconds: 0.15, intraBurstGapShape: 2,
            activeDayProbability: 1, activity: .flat),
        content: {
            var content = harvestContent(prompt: .logitProbe, completionMedian: 5)
            content.promptTokens = .lognormal(median: 40, sigma: 0.6)
            content.endpoints = [.completions: 0.6, .chat: 0.4]
            content.families = [.small: 0.9, .large: 0.1]
            content.maxTokensUnsetShare = 0.02
            content.maxTokens = [1: 20, 5: 1, 16: 1]
            content.temperatures = [0.0: 1]
            content.logprobsShare = 1
            content.topLogprobs = [20: 1]
            content.logitBiasShare = 0.7
            content.logitBiasEntriesMean = 60
            content.streamShare = 0
            content.rateLimitedShare = 0.05
            content.promptTextCorrelation = 0.8
            return content
        }())

    /// [SelfInstruct] seed-task expansion: near-duplicate scaffolds at temperature 1, top_p 1,
    /// max_tokens 3072 and a logit bias, each prompt resampled with n up to 16.
    static let selfInstruct = PersonaProfile(
        identity: selfServeIdentity(networks: [.cloud: 0.8, .residential: 0.2]),
        arrival: ArrivalModel(
            requestsPerDay: 3_000, volumeSigma: 0.3, burstShape: 1, burstSizeMean: 200,
            simultaneousShare: 0.3, intraBurstGapSeconds: 1.5, intraBurstGapShape: 1.5,
            activeDayProbability: 0.9, activity: .flat),
        content: {
            var content = harvestContent(
                prompt: PromptStyle(
                    languages: [.en: 1], languageStickiness: 1,
                    taskKinds: [.generateExamples: 0.6, .brainstorm: 0.15, .rewrite: 0.15, .solveMath: 0.1],
                    topics: .uniform(), greeting: 0, background: 0, politeness: 0.02, typo: 0, followUp: 0.02,
                    reasoningSuffix: 0.1, formatInstruction: 0.5, context: 0.05, templateReuse: 0.7,
                    nearDuplicate: 0.35),
                completionMedian: 900)
            content.maxTokensUnsetShare = 0
            content.maxTokens = [3_072: 4, 2_048: 2, 4_096: 2, 1_024: 1]
            content.temperatures = [1.0: 1]
            content.topPShare = 0
            content.logitBiasShare = 0.9
            content.logitBiasEntriesMean = 1
            content.multipleCompletionsShare = 0.3
            content.families = [.large: 0.5, .reasoning: 0.5]
            return content
        }())

    /// Low and slow [Assumption]: the covered persona's identity, timing, lengths and
    /// parameters unchanged; only the prompts sweep every topic.
    static func mimic(of persona: Persona) -> PersonaProfile {
        var profile = PersonaCatalog.profile(for: persona)
        var style = profile.content.prompt
        style.topics = .sweep()
        style.templateReuse = max(style.templateReuse, 0.1)
        profile.content.prompt = style
        return profile
    }

    /// [Report26] a campaign that moves to each new model within a day of its release.
    static let modelMigration: PersonaProfile = {
        var profile = hydra
        profile.arrival.requestsPerDay = 60
        profile.content.families = [.large: 0.7, .reasoning: 0.3]
        profile.content.adoptionDelayDaysMedian = 30
        return profile
    }()
}
