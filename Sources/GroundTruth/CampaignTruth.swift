/// The truth about one distillation campaign.
public struct CampaignTruth: Sendable, Hashable, Codable {
    /// Campaign id, unique in the trace.
    public var id: String
    /// The tactic it follows (e.g. `hydra`).
    public var tactic: String
    /// Its member accounts, sorted.
    public var accounts: [String]
    /// Start and end, Unix epoch milliseconds.
    public var start: Int64
    public var end: Int64
    /// Exchanges the campaign set out to harvest (its budget).
    public var requested: Int
    /// How carefully it hides (`naive`, `careful`, `expert`); nil in traces that do not say.
    public var level: String?

    public init(
        id: String, tactic: String, accounts: [String], start: Int64, end: Int64, requested: Int, level: String? = nil
    ) {
        self.id = id
        self.tactic = tactic
        self.accounts = accounts
        self.start = start
        self.end = end
        self.requested = requested
        self.level = level
    }
}
