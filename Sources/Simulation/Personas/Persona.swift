/// The benign personas (DESIGN §3; issue 2). Four ordinary kinds of customer and four decoys:
/// legitimate customers whose traffic looks like a distillation campaign's, the hard
/// negatives a detector must not flag.
public enum Persona: String, Sendable, Hashable, CaseIterable {
    /// One account serving many end users of a consumer chat product.
    case chatApp = "chat-app"
    /// An autonomous coding agent: bursty, batched, long repeated context, tools.
    case codingAgent = "coding-agent"
    /// An individual developer: low volume, experiments, parameter variety.
    case developer
    /// Retrieval-augmented enterprise assistant: business hours, long documents, narrow topics.
    case enterpriseRAG = "enterprise-rag"
    /// Decoy: benchmark sweeps across all subjects at temperature 0 with logprobs.
    case evalHarness = "eval-harness"
    /// Decoy: permitted templated bulk generation of synthetic data.
    case syntheticData = "synthetic-data"
    /// Decoy: academic accounts probing logprobs and logit bias.
    case researchLab = "research-lab"
    /// Decoy: a legitimate reseller/aggregator carrying many end users' diverse traffic.
    case router

    /// Whether the persona is a decoy (a hard negative, `decoy: true` in `truth.json`).
    public var isDecoy: Bool {
        switch self {
        case .evalHarness, .syntheticData, .researchLab, .router: true
        case .chatApp, .codingAgent, .developer, .enterpriseRAG: false
        }
    }

    /// The persona's calibrated defaults (see ``PersonaProfile`` and `PersonaCatalog.swift`).
    public var defaultProfile: PersonaProfile { PersonaCatalog.profile(for: self) }
}
