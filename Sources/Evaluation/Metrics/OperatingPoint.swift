/// A labelled threshold of a detector and the metrics there (DESIGN §5 "Operating points"),
/// with recall per tactic and false-positive rate per benign persona.
public struct OperatingPoint: Sendable, Hashable {
    /// How the threshold was chosen.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The detector's documented default threshold.
        case `default`
        /// The oracle threshold of best F1 over the distinct maximum scores (ties → the highest).
        case bestF1 = "best_f1"
        /// The oracle threshold of maximal recall with FPR ≤ the budget (ties → the highest; +∞
        /// when no positive threshold meets the budget).
        case fprBudget = "fpr_budget"
        /// The FPR-budget threshold chosen on separate tuning seeds, applied unchanged.
        case tuned
    }

    /// How the threshold was chosen.
    public var kind: Kind
    /// The figures at the threshold.
    public var metrics: Metrics
    /// Recall per tactic, sorted by tactic.
    public var byTactic: [TacticRecall]
    /// False-positive rate per benign persona, sorted by persona then decoy flag.
    public var byPersona: [PersonaFalsePositives]

    public init(kind: Kind, metrics: Metrics, byTactic: [TacticRecall], byPersona: [PersonaFalsePositives]) {
        self.kind = kind
        self.metrics = metrics
        self.byTactic = byTactic
        self.byPersona = byPersona
    }

    /// The threshold τ.
    public var threshold: Double { metrics.threshold }
}

extension OperatingPoint: Codable {
    enum CodingKeys: String, CodingKey {
        case kind
        case byTactic = "by_tactic"
        case byPersona = "by_persona"
    }

    /// One flat object: `kind`, every key of ``Metrics``, `by_tactic` and `by_persona`.
    public func encode(to encoder: any Encoder) throws {
        try metrics.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(byTactic, forKey: .byTactic)
        try container.encode(byPersona, forKey: .byPersona)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(Kind.self, forKey: .kind), metrics: try Metrics(from: decoder),
            byTactic: try container.decodeIfPresent([TacticRecall].self, forKey: .byTactic) ?? [],
            byPersona: try container.decodeIfPresent([PersonaFalsePositives].self, forKey: .byPersona) ?? [])
    }
}
