/// What each ``Sophistication`` level changes (issue 7, "a graded instrument").
///
/// Sources:
/// - [Report26] (see `TacticCatalog.swift`): clusters were linked through shared payment
///   methods, synchronized timing and shared infrastructure — exactly what a careful operator
///   stops sharing; one operator mixed campaign traffic into genuine customers' traffic.
/// - [Letter26]: ≈ 26 exchanges per account per day, i.e. volumes inside ordinary customers'
///   range, chosen to stay under per-account limits.
/// - [Assumption] everything else: a careful campaign moves half-way toward the customers it
///   passes for, an expert one 95 % of the way; the rest of the distance is what the tactic
///   needs (its prompts' purpose, its volume) and cannot give up.
extension Sophistication {
    /// How far a campaign's request habits and prompts move toward its disguise persona's
    /// (0 = not at all): an expert keeps a twentieth of its own, what its harvest needs.
    public var disguiseShare: Double {
        switch self {
        case .naive: 0
        case .careful: 0.5
        case .expert: 0.95
        }
    }

    /// How far its accounts' identity and schedule move toward the disguise persona's: an
    /// expert's accounts are customers' accounts in every field of the account table and keep
    /// customers' hours (bought or aged accounts) [Assumption].
    public var identityShare: Double {
        switch self {
        case .naive: 0
        case .careful: 0.5
        case .expert: 1
        }
    }
}

extension Tactic {
    /// The benign persona a careful or expert campaign of this tactic passes for: the
    /// customers whose traffic its own resembles most [Assumption].
    public var disguise: Persona {
        switch self {
        case .bulkHarvest: .chatApp
        case .hydra, .cotElicitation, .mimic, .modelMigration: .developer
        case .resellerMix: .router
        case .logitHarvest: .researchLab
        case .selfInstruct: .syntheticData
        }
    }

    /// The tactic's profile at `level`: the naive profile moved toward `cover` (or the tactic's
    /// ``disguise``), ``Sophistication/identityShare`` of the way in identity and arrival and
    /// ``Sophistication/disguiseShare`` in content and prompt style (``PromptStyle/blended(toward:share:)``: a sweeping campaign keeps sweeping,
    /// on fewer of its draws, between the disguise's own interests).
    func profile(cover: Persona?, level: Sophistication) -> PersonaProfile {
        let naive = defaultProfile(cover: cover)
        guard level != .naive else { return naive }
        let disguise = (cover ?? self.disguise).defaultProfile
        var profile = naive
        profile.identity = naive.identity.blended(toward: disguise.identity, share: level.identityShare)
        profile.arrival = naive.arrival.blended(toward: disguise.arrival, share: level.identityShare)
        profile.content = naive.content.blended(toward: disguise.content, share: level.disguiseShare)
        profile.content.prompt = naive.content.prompt.blended(toward: disguise.content.prompt, share: level.disguiseShare)
        return profile
    }

    /// The tactic's coordination at `level`.
    func coordination(level: Sophistication) -> Coordination {
        var c = defaultCoordination
        switch level {
        case .naive:
            break
        case .careful:
            // [Report26] shared payment, shared templates and synchronized timing linked the
            // clusters: a careful operator buys more instruments, writes its own system prompts,
            // staggers sign-ups and lets accounts keep their own hours; it still reuses some
            // infrastructure [Assumption: a quarter as many accounts per instrument, waves three
            // times as spread, the proxy pool kept].
            c.paymentClusterSize = max(1, c.paymentClusterSize / 4)
            c.creationWindowHours *= 4
            c.leadDays *= 3
            c.networkRotation = min(c.networkRotation, 0.5)
            c.sharedSystemPrompts = 0
            c.synchronized = false
        case .expert:
            // Nothing shared that a single account would not have: own payment, aged accounts
            // created like customers', networks like a customer's own (residential proxies
            // pinned per account), its own system prompts and schedule [Assumption].
            c.paymentClusterSize = 1
            c.proxyPoolSize = 0
            c.creationWaves = 0
            c.networkRotation = 0.2
            c.sharedSystemPrompts = 0
            c.synchronized = false
        }
        return c
    }
}
