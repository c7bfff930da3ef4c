/// A declarative scenario (DESIGN §3): when, which models, which populations of accounts.
/// Loaded from `Scenarios/*.yaml` by ``ScenarioLoader``.
public struct Scenario: Sendable {
    /// Short name, used in manifests and result folders.
    public var name: String
    /// One-line description.
    public var description: String
    /// Master seed: with the same content and seed, the trace is byte-identical.
    public var seed: UInt64
    /// Start, Unix epoch milliseconds.
    public var start: Int64
    /// Length, milliseconds.
    public var duration: Int64
    /// The models on offer, in file order.
    public var models: [ModelOffer]
    /// The benign populations, in file order.
    public var populations: [PopulationSpec]
    /// The distillation campaigns, in file order.
    public var campaigns: [CampaignSpec]
    /// SHA-256 of the scenario file's bytes, hex.
    public var contentHash: String

    /// End, Unix epoch milliseconds.
    public var end: Int64 { start + duration }

    public init(
        name: String, description: String = "", seed: UInt64, start: Int64, duration: Int64,
        models: [ModelOffer], populations: [PopulationSpec], campaigns: [CampaignSpec] = [], contentHash: String = ""
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.start = start
        self.duration = duration
        self.models = models
        self.populations = populations
        self.campaigns = campaigns
        self.contentHash = contentHash
    }
}

/// A model the provider offers, from its release time on.
public struct ModelOffer: Sendable, Hashable {
    /// The model name as requests carry it.
    public var name: String
    /// What kind of model it is; personas prefer some kinds.
    public var family: ModelFamily
    /// Release time, Unix epoch milliseconds (may precede the scenario start).
    public var released: Int64

    public init(name: String, family: ModelFamily, released: Int64) {
        self.name = name
        self.family = family
        self.released = released
    }
}

/// Kinds of model on offer.
public enum ModelFamily: String, Sendable, Hashable, CaseIterable {
    /// A frontier chat model.
    case large
    /// A cheaper, faster chat model.
    case small
    /// A reasoning model (long hidden chains of thought).
    case reasoning
    /// An embedding model (no completion tokens).
    case embedding
}

/// A population of benign accounts of one persona.
public struct PopulationSpec: Sendable {
    /// The persona.
    public var persona: Persona
    /// Number of accounts at scale 1.
    public var accounts: Int
    /// The persona's profile with the scenario's overrides applied.
    public var profile: PersonaProfile

    public init(persona: Persona, accounts: Int, profile: PersonaProfile? = nil) {
        self.persona = persona
        self.accounts = accounts
        self.profile = profile ?? persona.defaultProfile
    }
}
